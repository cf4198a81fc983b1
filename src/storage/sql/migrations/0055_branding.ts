import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A customization goes with its pool; `ALL` (the pool's own) is no client, so there is no client key.
  await db.schema
    .createTable("ui_customizations")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull())
    .addColumn("css", "text")
    .addColumn("image", "text")
    .addColumn("image_content_type", "text")
    .addColumn("css_version", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("ui_customizations_pkey", ["pool_id", "client_id"])
    .execute();
  // A style goes with its client (and so with its pool); one per client.
  await db.schema
    .createTable("managed_login_brandings")
    .addColumn("branding_id", "text", (col) => col.primaryKey())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("client_id", "text", (col) => col.notNull().unique().references("app_clients.client_id").onDelete("cascade"))
    .addColumn("use_cognito_provided_values", "integer", (col) => col.notNull())
    .addColumn("settings", "text")
    .addColumn("assets", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("last_modified_at", "bigint", (col) => col.notNull())
    .execute();
}
