import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The new email or phone number an attribute update waits to apply until its code is verified
  // (AttributesRequireVerificationBeforeUpdate); null for every other code.
  await db.schema.alterTable("pending_codes").addColumn("pending_value", "text").execute();
}
