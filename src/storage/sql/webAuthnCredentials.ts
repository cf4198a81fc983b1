import type { Kysely, Selectable } from "kysely";
import type { Page, PageResult, WebAuthnCredentialStore } from "../../domain/ports/store.js";
import type { WebAuthnCredentialRecord } from "../../domain/webAuthn/types.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, WebAuthnCredentialsTable } from "./schema.js";

export class SqlWebAuthnCredentialStore implements WebAuthnCredentialStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(credential: WebAuthnCredentialRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("webauthn_credentials")
        .values({
          pool_id: credential.poolId,
          user_sub: credential.userSub,
          credential_id: credential.credentialId,
          public_key: credential.publicKey,
          sign_count: credential.signCount,
          transports: JSON.stringify(credential.transports),
          authenticator_attachment: credential.authenticatorAttachment ?? null,
          friendly_name: credential.friendlyName,
          relying_party_id: credential.relyingPartyId,
          created_at: credential.createdAt.getTime(),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `pool ${credential.poolId} already has passkey ${credential.credentialId}`);
  }

  async get(poolId: string, credentialId: string): Promise<WebAuthnCredentialRecord | undefined> {
    const row = await this.db
      .selectFrom("webauthn_credentials")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("credential_id", "=", credentialId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async listForUser(poolId: string, userSub: string, page: Page): Promise<PageResult<WebAuthnCredentialRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("webauthn_credentials")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("user_sub", "=", userSub)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }

  async recordUse(poolId: string, credentialId: string, previousCount: number, signCount: number): Promise<boolean> {
    const result = await this.db
      .updateTable("webauthn_credentials")
      .set({ sign_count: signCount })
      .where("pool_id", "=", poolId)
      .where("credential_id", "=", credentialId)
      .where("sign_count", "=", previousCount)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, userSub: string, credentialId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("webauthn_credentials")
      .where("pool_id", "=", poolId)
      .where("user_sub", "=", userSub)
      .where("credential_id", "=", credentialId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function toRecord(row: Selectable<WebAuthnCredentialsTable>): WebAuthnCredentialRecord {
  return {
    poolId: row.pool_id,
    userSub: row.user_sub,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    signCount: Number(row.sign_count),
    transports: JSON.parse(row.transports) as string[],
    ...(row.authenticator_attachment === null ? {} : { authenticatorAttachment: row.authenticator_attachment }),
    friendlyName: row.friendly_name,
    relyingPartyId: row.relying_party_id,
    createdAt: new Date(Number(row.created_at)),
  };
}
