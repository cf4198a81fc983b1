import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Append-only history: no foreign keys, so events outlive the pools and users they name.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("audit_events"), "seq")
    .addColumn("id", "text", (col) => col.notNull().unique())
    .addColumn("time", "bigint", (col) => col.notNull())
    .addColumn("request_id", "text", (col) => col.notNull())
    .addColumn("actor", "text", (col) => col.notNull())
    .addColumn("source_ip", "text")
    .addColumn("operation", "text", (col) => col.notNull())
    .addColumn("pool_id", "text")
    .addColumn("username", "text")
    .addColumn("outcome", "text", (col) => col.notNull())
    .addColumn("error_type", "text")
    .addColumn("details", "text")
    .execute();
  // Listings read in seq order: each filter's index ends with seq so a filtered page is one index range. A
  // username is rarely shared across pools, so (username, seq) also serves pool + username.
  await db.schema.createIndex("audit_events_pool_seq").on("audit_events").columns(["pool_id", "seq"]).execute();
  await db.schema.createIndex("audit_events_username_seq").on("audit_events").columns(["username", "seq"]).execute();
  await db.schema.createIndex("audit_events_operation_seq").on("audit_events").columns(["operation", "seq"]).execute();
  await db.schema.createIndex("audit_events_outcome_seq").on("audit_events").columns(["outcome", "seq"]).execute();
  await db.schema.createIndex("audit_events_time").on("audit_events").column("time").execute();
}
