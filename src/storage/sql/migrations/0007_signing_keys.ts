import { sql, type Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("signing_keys"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("kid", "text", (col) => col.notNull().unique())
    .addColumn("use", "text", (col) => col.notNull())
    .addColumn("private_key_pem", "text", (col) => col.notNull())
    .addColumn("public_jwk", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("retired_at", "bigint")
    .execute();
  // At most one active key per pool and use: instances racing to add the first key insert one row between them.
  await db.schema
    .createIndex("signing_keys_pool_use_active_unique")
    .unique()
    .on("signing_keys")
    .columns(["pool_id", "use"])
    .where(sql.ref("retired_at"), "is", null)
    .execute();
  await db.schema.createIndex("signing_keys_pool_created_at_seq").on("signing_keys").columns(["pool_id", "created_at", "seq"]).execute();
}
