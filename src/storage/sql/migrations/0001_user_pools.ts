import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

// Migrations see the schema as it was when they were written, not today's `Database` type.
export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("user_pools"), "seq")
    .addColumn("id", "text", (col) => col.notNull().unique())
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addColumn("config", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("user_pools_region_seq").on("user_pools").columns(["region", "seq"]).execute();
}
