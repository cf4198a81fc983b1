import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // In a pool tracking devices a refresh token is bound to the device it was issued to (null: none).
  await db.schema.alterTable("refresh_tokens").addColumn("device_key", "text").execute();
}
