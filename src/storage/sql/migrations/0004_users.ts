import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Columns ListUsers filters on compare by code point, so that `^=` is an index range on both dialects.
  const filterable = dialect.codePointText;
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("users"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("username", filterable, (col) => col.notNull())
    .addColumn("username_key", "text", (col) => col.notNull())
    .addColumn("sub", filterable, (col) => col.notNull())
    .addColumn("status", filterable, (col) => col.notNull())
    .addColumn("enabled_state", filterable, (col) => col.notNull())
    .addColumn("attributes", "text", (col) => col.notNull())
    .addColumn("attr_email", filterable)
    .addColumn("attr_phone_number", filterable)
    .addColumn("attr_name", filterable)
    .addColumn("attr_given_name", filterable)
    .addColumn("attr_family_name", filterable)
    .addColumn("attr_preferred_username", filterable)
    .addColumn("alias_email", "text")
    .addColumn("alias_phone_number", "text")
    .addColumn("alias_preferred_username", "text")
    .addColumn("password", "text")
    .addColumn("password_history", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    // Named constraints: the store maps a violation to the key that collided by these names (PostgreSQL)
    // or columns (SQLite). (pool_id, username) also serves the username filter and group memberships.
    .addUniqueConstraint("users_pool_username_unique", ["pool_id", "username"])
    .addUniqueConstraint("users_pool_username_key_unique", ["pool_id", "username_key"])
    .addUniqueConstraint("users_pool_sub_unique", ["pool_id", "sub"])
    .execute();
  // NULLs never collide in a unique index, on either dialect: users without an alias of a kind do not clash.
  for (const kind of ["email", "phone_number", "preferred_username"]) {
    await db.schema
      .createIndex(`users_pool_alias_${kind}_unique`)
      .unique()
      .on("users")
      .columns(["pool_id", `alias_${kind}`])
      .execute();
  }
  await db.schema.createIndex("users_pool_seq").on("users").columns(["pool_id", "seq"]).execute();
  // (pool, value, seq): `=` reads one range already in page order and seeks straight to the cursor.
  for (const column of [
    "status",
    "enabled_state",
    "attr_email",
    "attr_phone_number",
    "attr_name",
    "attr_given_name",
    "attr_family_name",
    "attr_preferred_username",
  ]) {
    await db.schema.createIndex(`users_pool_${column}_seq`).on("users").columns(["pool_id", column, "seq"]).execute();
  }
}
