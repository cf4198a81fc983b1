import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The pool's SAML service-provider key and certificate, made on first need and removed with the pool.
  await db.schema
    .createTable("saml_certificates")
    .addColumn("pool_id", "text", (col) => col.primaryKey().references("user_pools.id").onDelete("cascade"))
    .addColumn("private_key_pem", "text", (col) => col.notNull())
    .addColumn("certificate_pem", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
}
