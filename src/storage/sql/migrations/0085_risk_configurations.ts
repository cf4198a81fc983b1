import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // SetRiskConfiguration's settings: one row for the pool (client_id '') and one per app client that has its
  // own; removed with the pool.
  await db.schema
    .createTable("risk_configurations")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("configuration", "text", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("risk_configurations_pk", ["pool_id", "client_id"])
    .execute();
}
