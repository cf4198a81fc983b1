import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Removing the pool or the user removes their refresh tokens. The username has the type of
  // users.username, which the foreign key references.
  await db.schema
    .createTable("refresh_tokens")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("username", dialect.codePointText, (col) => col.notNull())
    .addColumn("origin_jti", "text", (col) => col.notNull())
    .addColumn("auth_time", "bigint", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("revoked_at", "bigint")
    .addForeignKeyConstraint("refresh_tokens_user_fk", ["pool_id", "username"], "users", ["pool_id", "username"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("refresh_tokens_pool_username").on("refresh_tokens").columns(["pool_id", "username"]).execute();
}
