import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // A table of its own rather than columns on users: a failed sign-in then writes one small row and never
  // races with a user update. Removing the pool or the user removes the count.
  await db.schema
    .createTable("sign_in_failures")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("username", dialect.codePointText, (col) => col.notNull())
    .addColumn("count", "integer", (col) => col.notNull())
    .addColumn("last_failure_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("sign_in_failures_pkey", ["pool_id", "username"])
    .addForeignKeyConstraint("sign_in_failures_user_fk", ["pool_id", "username"], "users", ["pool_id", "username"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
}
