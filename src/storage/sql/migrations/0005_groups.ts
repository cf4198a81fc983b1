import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("groups"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text")
    .addColumn("role_arn", "text")
    .addColumn("precedence", "bigint")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("groups_pool_name_unique", ["pool_id", "name"])
    .execute();
  await db.schema.createIndex("groups_pool_seq").on("groups").columns(["pool_id", "seq"]).execute();

  // Removing a pool, group or user removes its memberships with it.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("group_members"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("group_name", "text", (col) => col.notNull())
    .addColumn("username", dialect.codePointText, (col) => col.notNull())
    .addUniqueConstraint("group_members_pool_group_username_unique", ["pool_id", "group_name", "username"])
    .addForeignKeyConstraint("group_members_group_fk", ["pool_id", "group_name"], "groups", ["pool_id", "name"], (fk) =>
      fk.onDelete("cascade"),
    )
    .addForeignKeyConstraint("group_members_user_fk", ["pool_id", "username"], "users", ["pool_id", "username"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("group_members_pool_group_seq").on("group_members").columns(["pool_id", "group_name", "seq"]).execute();
  await db.schema.createIndex("group_members_pool_user_seq").on("group_members").columns(["pool_id", "username", "seq"]).execute();
}
