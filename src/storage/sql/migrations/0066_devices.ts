import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // A device goes with its user (by pool and sub, so a namesake never inherits it) and so with its pool.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("devices"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull())
    .addColumn("user_sub", "text", (col) => col.notNull())
    .addColumn("device_key", "text", (col) => col.notNull())
    .addColumn("device_group_key", "text", (col) => col.notNull())
    .addColumn("srp_salt", "text")
    .addColumn("srp_verifier", "text")
    .addColumn("remembered_status", "text")
    .addColumn("device_name", "text")
    .addColumn("last_ip", "text")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addColumn("last_authenticated_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("devices_pool_device_key_unique", ["pool_id", "device_key"])
    .addForeignKeyConstraint("devices_user_fk", ["pool_id", "user_sub"], "users", ["pool_id", "sub"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("devices_user_seq").on("devices").columns(["pool_id", "user_sub", "seq"]).execute();
}
