import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Codes by the hash of the code; taking one deletes it, so each is used once.
  await db.schema
    .createTable("authorization_codes")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("username", "text", (col) => col.notNull())
    .addColumn("redirect_uri", "text", (col) => col.notNull())
    .addColumn("scopes", "text", (col) => col.notNull())
    .addColumn("nonce", "text")
    .addColumn("code_challenge", "text")
    .addColumn("auth_time", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .execute();
}
