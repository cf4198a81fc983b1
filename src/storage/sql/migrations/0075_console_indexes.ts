import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The console pages the audit trail newest first by caller, and the outbox newest first by pool: each page
  // must walk an index range backwards, not scan the table.
  await db.schema.createIndex("audit_events_actor_seq").on("audit_events").columns(["actor", "seq"]).execute();
  await db.schema.createIndex("outbox_pool_seq").on("outbox").columns(["pool_id", "seq"]).execute();
}
