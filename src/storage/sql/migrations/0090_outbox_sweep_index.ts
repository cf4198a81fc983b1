import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The sweeper removes outbox messages past their retention in small batches, found by an index range.
  await db.schema.createIndex("outbox_created_at").on("outbox").column("created_at").execute();
}
