import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // CreateUserPoolReplica's secondary regions of a pool, removed with it.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("user_pool_replicas"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("tags", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("user_pool_replicas_region_unique", ["pool_id", "region"])
    .execute();
}
