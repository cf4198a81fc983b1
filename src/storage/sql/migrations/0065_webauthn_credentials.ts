import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";

export async function up(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  // A passkey goes with its user (by pool and sub, so a namesake never inherits it) and so with its pool.
  await dialect
    .addSequencePrimaryKey(db.schema.createTable("webauthn_credentials"), "seq")
    .addColumn("pool_id", "text", (col) => col.notNull())
    .addColumn("user_sub", "text", (col) => col.notNull())
    .addColumn("credential_id", "text", (col) => col.notNull())
    .addColumn("public_key", "text", (col) => col.notNull())
    .addColumn("sign_count", "bigint", (col) => col.notNull())
    .addColumn("transports", "text", (col) => col.notNull())
    .addColumn("authenticator_attachment", "text")
    .addColumn("friendly_name", "text", (col) => col.notNull())
    .addColumn("relying_party_id", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("webauthn_credentials_pool_credential_unique", ["pool_id", "credential_id"])
    .addForeignKeyConstraint("webauthn_credentials_user_fk", ["pool_id", "user_sub"], "users", ["pool_id", "sub"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("webauthn_credentials_user_seq").on("webauthn_credentials").columns(["pool_id", "user_sub", "seq"]).execute();
}
