import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Terms go with their client (and so with its pool).
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("terms"), "seq")
    .addColumn("terms_id", "text", (col) => col.notNull().unique())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull().references("app_clients.client_id").onDelete("cascade"))
    .addColumn("terms_name", "text", (col) => col.notNull())
    .addColumn("terms_source", "text", (col) => col.notNull())
    .addColumn("enforcement", "text", (col) => col.notNull())
    .addColumn("links", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("terms_client_name_unique", ["client_id", "terms_name"])
    .execute();
  await db.schema.createIndex("terms_pool_seq").on("terms").columns(["pool_id", "seq"]).execute();
}
