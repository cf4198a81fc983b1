import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // A client has at most two secrets (AddUserPoolClientSecret rotates them). The first stays in `secret`;
  // its creation time is null for clients created before rotation existed, whose secret dates from the client.
  await db.schema.alterTable("app_clients").addColumn("secret_created_at", "bigint").execute();
  await db.schema.alterTable("app_clients").addColumn("second_secret", "text").execute();
  await db.schema.alterTable("app_clients").addColumn("second_secret_created_at", "bigint").execute();
}
