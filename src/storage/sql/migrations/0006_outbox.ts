import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("outbox"), "seq")
    .addColumn("id", "text", (col) => col.notNull().unique())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("username", "text", (col) => col.notNull())
    .addColumn("channel", "text", (col) => col.notNull())
    .addColumn("destination", "text", (col) => col.notNull())
    .addColumn("subject", "text")
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("code", "text")
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("outbox_pool_username_seq").on("outbox").columns(["pool_id", "username", "seq"]).execute();
}
