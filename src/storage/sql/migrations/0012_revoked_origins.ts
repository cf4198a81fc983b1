import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // Revoked authentications (RevokeToken), by the origin_jti their tokens share. Not tied to the user:
  // a revocation outlives nothing it revokes, and expires_at says when the row is no longer needed.
  await db.schema
    .createTable("revoked_origins")
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("origin_jti", "text", (col) => col.notNull())
    .addColumn("expires_at", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("revoked_origins_pkey", ["pool_id", "origin_jti"])
    .execute();
}
