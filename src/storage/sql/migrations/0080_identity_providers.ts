import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // CreateIdentityProvider's providers of a pool, removed with it.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("identity_providers"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("type", "text", (col) => col.notNull())
    .addColumn("details", "text", (col) => col.notNull())
    .addColumn("secret_details", "text")
    .addColumn("attribute_mapping", "text", (col) => col.notNull())
    .addColumn("idp_identifiers", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("identity_providers_pool_name_unique", ["pool_id", "name"])
    .execute();
  await db.schema.createIndex("identity_providers_pool_seq").on("identity_providers").columns(["pool_id", "seq"]).execute();
}
