import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // At most one pending code per user and purpose: a new code replaces the old one. Removing the user
  // (or the pool, through its users) removes their codes.
  await db.schema
    .createTable("pending_codes")
    .addColumn("pool_id", "text", (col) => col.notNull())
    .addColumn("username", dialect.codePointText, (col) => col.notNull())
    .addColumn("purpose", "text", (col) => col.notNull())
    .addColumn("digest", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addColumn("failed_attempts", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("pending_codes_pkey", ["pool_id", "username", "purpose"])
    .addForeignKeyConstraint("pending_codes_user_fk", ["pool_id", "username"], "users", ["pool_id", "username"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
}
