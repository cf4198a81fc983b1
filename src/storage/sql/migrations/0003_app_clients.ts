import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("app_clients"), "seq")
    // Unique across pools: unsigned operations find the pool by the client id alone.
    .addColumn("client_id", "text", (col) => col.notNull().unique())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("secret", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addColumn("config", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("app_clients_pool_seq").on("app_clients").columns(["pool_id", "seq"]).execute();
}
