import { sql, type Kysely } from "kysely";
import { StorageSecretError } from "../../domain/ports/errors.js";
import { sealedKeyId, type SecretCipher } from "../secrets.js";
import type { Database } from "./schema.js";
import { resealPasswordColumn } from "./users.js";

/** Turns one stored secret into its value sealed with the new key; returns it unchanged when it already is. */
type ResealSecret = (stored: string) => string;

/** Every column holding sealed secrets, and how to reseal the secrets inside one of its values. */
const SECRET_COLUMNS: readonly { table: keyof Database; column: string; reseal: (value: string, resealSecret: ResealSecret) => string }[] = [
  { table: "signing_keys", column: "private_key_pem", reseal: (value, resealSecret) => resealSecret(value) },
  { table: "app_clients", column: "secret", reseal: (value, resealSecret) => resealSecret(value) },
  { table: "app_clients", column: "second_secret", reseal: (value, resealSecret) => resealSecret(value) },
  { table: "users", column: "password", reseal: resealPasswordColumn },
];

/**
 * Re-encrypts every stored secret that is plaintext or sealed with `from` so that `to` seals it, batch by batch
 * in seq order, one transaction per batch. Values `to` already seals are left alone, so an interrupted run can
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
  for (const { table, column, reseal } of SECRET_COLUMNS) {
    let after = 0;
    for (;;) {
      const batch = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ seq: number; value: string }>`
          select seq, ${sql.ref(column)} as value from ${sql.table(table)}
          where seq > ${after} and ${sql.ref(column)} is not null
          order by seq limit ${batchSize}`.execute(trx);
        let written = 0;
        for (const row of rows) {
          const value = reseal(row.value, resealSecret);
          if (value === row.value) continue;
          const result = await sql`
            update ${sql.table(table)} set ${sql.ref(column)} = ${value}
            where seq = ${row.seq} and ${sql.ref(column)} = ${row.value}`.execute(trx);
          written += Number(result.numAffectedRows ?? 0n);
        }
        return { written, last: rows.at(-1)?.seq, full: rows.length === batchSize };
      });
      resealed += batch.written;
      if (!batch.full || batch.last === undefined) break;
      after = batch.last;
    }
  }
  return resealed;
}
