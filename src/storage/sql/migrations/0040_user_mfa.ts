import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A user's second factors (enabled, preferred, the authenticator app's sealed secret); null when none.
  await db.schema.alterTable("users").addColumn("mfa", "text").execute();
}
