import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // SetLogDeliveryConfiguration's log configurations of a pool, removed with it.
  await db.schema
    .createTable("log_delivery")
    .addColumn("pool_id", "text", (col) => col.primaryKey().references("user_pools.id").onDelete("cascade"))
    .addColumn("configurations", "text", (col) => col.notNull())
    .execute();
}
