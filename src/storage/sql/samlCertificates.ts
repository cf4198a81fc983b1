import type { Kysely } from "kysely";
import type { SamlCertificateRecord } from "../../domain/federation/samlCertificate.js";
import type { SamlCertificateStore } from "../../domain/ports/store.js";
import type { SecretCipher } from "../secrets.js";
import type { Database } from "./schema.js";

export class SqlSamlCertificateStore implements SamlCertificateStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: SecretCipher,
  ) {}

  async get(poolId: string): Promise<SamlCertificateRecord | undefined> {
    const row = await this.db.selectFrom("saml_certificates").selectAll().where("pool_id", "=", poolId).executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      poolId: row.pool_id,
      privateKeyPem: this.cipher.open(row.private_key_pem),
      certificatePem: row.certificate_pem,
      createdAt: new Date(row.created_at),
    };
  }

  async addIfAbsent(record: SamlCertificateRecord): Promise<boolean> {
    // The primary key decides races between instances: the losing insert does nothing.
    const inserted = await this.db
      .insertInto("saml_certificates")
      .values({
        pool_id: record.poolId,
        private_key_pem: this.cipher.seal(record.privateKeyPem),
        certificate_pem: record.certificatePem,
        created_at: record.createdAt.getTime(),
      })
      .onConflict((conflict) => conflict.column("pool_id").doNothing())
      .returning("pool_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }
}
