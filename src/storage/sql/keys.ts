import type { Kysely, Selectable } from "kysely";
import type { KeyUse, PublicJwk, SigningKeyRecord } from "../../domain/tokens/keys.js";
import type { SecretCipher } from "../secrets.js";
import type { SigningKeyStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { Database, SigningKeysTable } from "./schema.js";

export class SqlSigningKeyStore implements SigningKeyStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
  ) {}

  async list(poolId: string): Promise<SigningKeyRecord[]> {
    const rows = await this.db
      .selectFrom("signing_keys")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("created_at", "desc")
      .orderBy("seq", "desc")
      .execute();
    return rows.map((row) => toRecord(row, this.cipher));
  }

  async addIfNoActive(key: SigningKeyRecord): Promise<boolean> {
    // The partial unique index on (pool_id, use) WHERE retired_at IS NULL decides races between instances:
    // the losing insert does nothing. Any other conflict (a kid already stored) is an error.
    const insert = () =>
      this.db
        .insertInto("signing_keys")
        .values({
          pool_id: key.poolId,
          kid: key.kid,
          use: key.use,
          private_key_pem: this.cipher.seal(key.privateKeyPem),
          public_jwk: JSON.stringify(key.publicJwk),
          created_at: key.createdAt.getTime(),
          retired_at: key.retiredAt === undefined ? null : key.retiredAt.getTime(),
        })
        .onConflict((conflict) => conflict.columns(["pool_id", "use"]).where("retired_at", "is", null).doNothing())
        .returning("kid")
        .executeTakeFirst();
    const inserted = await mapConflict(this.db, this.dialect, insert, `a signing key with kid ${key.kid} already exists`);
    return inserted !== undefined;
  }

  async retire(poolId: string, use: KeyUse, at: Date): Promise<void> {
    await this.db
      .updateTable("signing_keys")
      .set({ retired_at: at.getTime() })
      .where("pool_id", "=", poolId)
      .where("use", "=", use)
      .where("retired_at", "is", null)
      .execute();
  }
}

function toRecord(row: Selectable<SigningKeysTable>, cipher: SecretCipher): SigningKeyRecord {
  return {
    poolId: row.pool_id,
    kid: row.kid,
    use: row.use as KeyUse,
    privateKeyPem: cipher.open(row.private_key_pem),
    publicJwk: JSON.parse(row.public_jwk) as PublicJwk,
    createdAt: new Date(row.created_at),
    ...(row.retired_at === null ? {} : { retiredAt: new Date(row.retired_at) }),
  };
}
