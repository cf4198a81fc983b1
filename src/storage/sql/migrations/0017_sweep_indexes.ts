import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The sweeper removes expired rows in small batches: each batch must find them by an index range, not a scan.
  // auth_sessions (expires_at) and audit_events (time) have theirs already.
  await db.schema.createIndex("pending_codes_expires_at").on("pending_codes").column("expires_at").execute();
  await db.schema.createIndex("refresh_tokens_expires_at").on("refresh_tokens").column("expires_at").execute();
  await db.schema.createIndex("refresh_tokens_revoked_at").on("refresh_tokens").column("revoked_at").execute();
  await db.schema.createIndex("revoked_origins_expires_at").on("revoked_origins").column("expires_at").execute();
  await db.schema.createIndex("rate_limit_buckets_updated_at").on("rate_limit_buckets").column("updated_at").execute();
}
