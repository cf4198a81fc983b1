import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // AdminLinkProviderForUser's links: an identity at a provider signs in as the pool's user it names. A link
  // goes with its user (by pool and sub, so a namesake never inherits it) and so with its pool.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("federated_links"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull())
    .addColumn("provider_name", "text", (col) => col.notNull())
    .addColumn("attribute_name", "text", (col) => col.notNull())
    .addColumn("attribute_value", "text", (col) => col.notNull())
    .addColumn("user_sub", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("federated_links_identity_unique", ["pool_id", "provider_name", "attribute_name", "attribute_value"])
    .addForeignKeyConstraint("federated_links_user_fk", ["pool_id", "user_sub"], "users", ["pool_id", "sub"], (fk) => fk.onDelete("cascade"))
    .execute();
  await db.schema.createIndex("federated_links_user").on("federated_links").columns(["pool_id", "user_sub"]).execute();
}
