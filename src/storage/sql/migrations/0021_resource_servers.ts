import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("resource_servers"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("identifier", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("scopes", "text", (col) => col.notNull())
    .addUniqueConstraint("resource_servers_pool_identifier_unique", ["pool_id", "identifier"])
    .execute();
  await db.schema.createIndex("resource_servers_pool_seq").on("resource_servers").columns(["pool_id", "seq"]).execute();
}
