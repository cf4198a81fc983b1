import { sql, type Kysely } from "kysely";
import { StorageSecretError } from "../../domain/ports/errors.js";
import { sealedKeyId, type SecretCipher } from "../secrets.js";
import type { Database } from "./schema.js";
import { resealMfaColumn, resealPasswordColumn } from "./users.js";

/** Turns one stored secret into its value sealed with the new key; returns it unchanged when it already is. */
type ResealSecret = (stored: string) => string;

interface SecretColumn {
  table: keyof Database;
  column: string;
  /** The row's key, the order batches walk in: a sequence, or a primary key compared as a row value. */
  key: readonly string[];
  /** How to reseal the secrets inside one of the column's values. */
  reseal: (value: string, resealSecret: ResealSecret) => string;
}

const whole = (value: string, resealSecret: ResealSecret) => resealSecret(value);

/** Every column holding sealed secrets. */
const SECRET_COLUMNS: readonly SecretColumn[] = [
  { table: "signing_keys", column: "private_key_pem", key: ["seq"], reseal: whole },
  { table: "app_clients", column: "secret", key: ["seq"], reseal: whole },
  { table: "users", column: "password", key: ["seq"], reseal: resealPasswordColumn },
  { table: "auth_sessions", column: "data", key: ["id"], reseal: whole },
  { table: "pending_codes", column: "pending_value", key: ["pool_id", "username", "purpose"], reseal: whole },
  { table: "outbox", column: "destination", key: ["seq"], reseal: whole },
  { table: "outbox", column: "body", key: ["seq"], reseal: whole },
  { table: "outbox", column: "code", key: ["seq"], reseal: whole },
  { table: "users", column: "mfa", key: ["seq"], reseal: resealMfaColumn },
  { table: "app_clients", column: "second_secret", key: ["seq"], reseal: whole },
  { table: "devices", column: "srp_verifier", key: ["seq"], reseal: whole },
  { table: "identity_providers", column: "secret_details", key: ["seq"], reseal: whole },
  { table: "saml_certificates", column: "private_key_pem", key: ["pool_id"], reseal: whole },
  { table: "user_import_jobs", column: "upload_token", key: ["seq"], reseal: whole },
  { table: "user_import_jobs", column: "csv", key: ["seq"], reseal: whole },
];

/**
 * Re-encrypts every stored secret that is plaintext or sealed with `from` so that `to` seals it, batch by batch
 * in key order, one transaction per batch. Values `to` already seals are left alone, so an interrupted run can
 * simply be repeated. A value sealed with any other key stops the run with a StorageSecretError naming that
 * key. Each write applies only if the value is still the one read: a concurrent change is never overwritten
 * (the run then leaves that value for a repeat). Returns how many values were re-encrypted.
 */
export async function resealSecrets(db: Kysely<Database>, from: SecretCipher, to: SecretCipher, batchSize: number): Promise<number> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size ${batchSize} is not a positive integer`);
  const resealSecret: ResealSecret = (stored) => {
    const keyId = sealedKeyId(stored);
    if (keyId !== undefined && keyId === to.keyId) return stored;
    if (keyId !== undefined && keyId !== from.keyId) {
      throw new StorageSecretError(
        `a stored secret is encrypted with master key ${keyId}, which is neither the key to rotate from ` +
          `(${from.keyId ?? "none given"}) nor the new key ${to.keyId ?? "(none)"}`,
      );
    }
    return to.seal(from.open(stored));
  };

  let resealed = 0;
  for (const { table, column, key, reseal } of SECRET_COLUMNS) {
    const keyColumns = sql.join(key.map((name) => sql.ref(name)));
    let after: unknown[] | undefined;
    for (;;) {
      const from = after;
      const batch = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<Record<string, unknown> & { value: string }>`
          select ${keyColumns}, ${sql.ref(column)} as value from ${sql.table(table)}
          where ${from === undefined ? sql`1 = 1` : sql`(${keyColumns}) > (${sql.join(from)})`} and ${sql.ref(column)} is not null
          order by ${keyColumns} limit ${batchSize}`.execute(trx);
        let written = 0;
        for (const row of rows) {
          const value = reseal(row.value, resealSecret);
          if (value === row.value) continue;
          const sameRow = sql.join(
            key.map((name) => sql`${sql.ref(name)} = ${row[name]}`),
            sql` and `,
          );
          const result = await sql`
            update ${sql.table(table)} set ${sql.ref(column)} = ${value}
            where ${sameRow} and ${sql.ref(column)} = ${row.value}`.execute(trx);
          written += Number(result.numAffectedRows ?? 0n);
        }
        const last = rows.at(-1);
        return { written, last: last === undefined ? undefined : key.map((name) => last[name]), full: rows.length === batchSize };
      });
      resealed += batch.written;
      if (!batch.full || batch.last === undefined) break;
      after = batch.last;
    }
  }
  return resealed;
}
