import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Token buckets for throttling, shared by every instance. Not tied to pools: a bucket may count requests
  // of any key (a pool, a client, an address). A bucket without a row is full.
  await db.schema
    .createTable("rate_limit_buckets")
    .addColumn("bucket", "text", (col) => col.primaryKey())
    .addColumn("tokens", "double precision", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
}
