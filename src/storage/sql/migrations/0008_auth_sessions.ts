import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("auth_sessions")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("username", "text", (col) => col.notNull())
    .addColumn("challenge", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("data", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("auth_sessions_expires_at").on("auth_sessions").column("expires_at").execute();
}
