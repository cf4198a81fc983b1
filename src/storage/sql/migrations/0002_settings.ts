import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // "double precision" is an 8-byte float on both dialects (REAL affinity in SQLite).
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("value", "double precision", (col) => col.notNull())
    .execute();
}
