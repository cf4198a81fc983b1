import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // The latest global sign-out of each user. Removing the user (or the pool, through its users) removes it.
  await db.schema
    .createTable("user_sign_outs")
    .addColumn("pool_id", "text", (col) => col.notNull())
    .addColumn("username", dialect.codePointText, (col) => col.notNull())
    .addColumn("signed_out_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("user_sign_outs_pkey", ["pool_id", "username"])
    .addForeignKeyConstraint("user_sign_outs_user_fk", ["pool_id", "username"], "users", ["pool_id", "username"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
}
