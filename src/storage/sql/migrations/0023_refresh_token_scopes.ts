import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A hosted sign-in's granted scopes, so refreshed tokens keep them (null: an API sign-in).
  await db.schema.alterTable("refresh_tokens").addColumn("scopes", "text").execute();
}
