import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // Jobs go with their pool; the uploaded file is kept in the row (sealed with the master key when one is set).
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("user_import_jobs"), "seq")
    .addColumn("job_id", "text", (col) => col.notNull().unique())
    .addColumn("pool_id", "text", (col) => col.notNull().references("user_pools.id").onDelete("cascade"))
    .addColumn("job_name", "text", (col) => col.notNull())
    .addColumn("role_arn", "text", (col) => col.notNull())
    .addColumn("hashing_algorithm", "text")
    .addColumn("upload_token", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("started_at", "bigint")
    .addColumn("completed_at", "bigint")
    .addColumn("csv", "text")
    .addColumn("imported_users", "bigint", (col) => col.notNull())
    .addColumn("skipped_users", "bigint", (col) => col.notNull())
    .addColumn("failed_users", "bigint", (col) => col.notNull())
    .addColumn("rows_done", "bigint", (col) => col.notNull())
    .addColumn("completion_message", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "bigint")
    .execute();
  await db.schema.createIndex("user_import_jobs_pool_seq").on("user_import_jobs").columns(["pool_id", "seq"]).execute();
  // The runner looks for jobs to run by status.
  await db.schema.createIndex("user_import_jobs_status").on("user_import_jobs").columns(["status", "seq"]).execute();
}
