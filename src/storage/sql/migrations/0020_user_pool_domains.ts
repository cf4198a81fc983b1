import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One domain per pool, each name once per region (prefixes are regional in Cognito).
  await db.schema
    .createTable("user_pool_domains")
    .addColumn("region", "text", (col) => col.notNull())
    .addColumn("domain", "text", (col) => col.notNull())
    .addColumn("pool_id", "text", (col) => col.notNull().unique().references("user_pools.id").onDelete("cascade"))
    .addColumn("certificate_arn", "text")
    .addColumn("security_policy", "text")
    .addColumn("managed_login_version", "integer", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("user_pool_domains_pkey", ["region", "domain"])
    .execute();
}
