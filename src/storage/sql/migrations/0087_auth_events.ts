import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Sign-in events of pools with threat protection (AdminListUserAuthEvents), removed with their pool.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("auth_events"), "seq")
    .addColumn("event_id", "text", (col) => col.notNull().unique())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("username", "text", (col) => col.notNull())
    .addColumn("event_type", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("event_response", "text", (col) => col.notNull())
    .addColumn("event_risk", "text", (col) => col.notNull())
    .addColumn("challenge_responses", "text", (col) => col.notNull())
    .addColumn("context_data", "text", (col) => col.notNull())
    .addColumn("feedback", "text")
    .addColumn("feedback_token_hash", "text", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("auth_events_user_seq").on("auth_events").columns(["pool_id", "username", "seq"]).execute();
}
