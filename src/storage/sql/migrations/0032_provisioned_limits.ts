import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Rates set by UpdateProvisionedLimit, per region and quota category, read by every instance's throttle.
  await db.schema
    .createTable("provisioned_limits")
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("category", "text", (col) => col.notNull())
    .addColumn("rate", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("provisioned_limits_pk", ["region", "category"])
    .execute();
}
