import type { Kysely } from "kysely";
import { secretCipher, type StoreOptions } from "./secrets.js";
import { resealSecrets } from "./sql/reseal.js";
import type { Database } from "./sql/schema.js";
import type { Store } from "../domain/ports/store.js";
import { parseDbSetting } from "../config/db.js";

/**
 * Opens the store named by a database setting and applies pending migrations (or, with `migrate: false`, refuses
 * a database behind the code). With `masterKey`, every stored secret is encrypted at rest (see secrets.ts and
 * the columns in sql/reseal.ts).
 */
export async function openStore(db: string, options: StoreOptions = {}): Promise<Store> {
  const setting = parseDbSetting(db);
  // Each database's driver is loaded only when it is used: a SQLite start never reads pg, and the reverse.
  if (setting.kind === "sqlite") return (await import("./sqlite/index.js")).openSqliteStore(setting.path, options);
  return (await import("./postgres/index.js")).openPostgresStore(setting.url, options);
}

/** The migrated database named by a setting, as rows: for maintenance such as key rotation, and for tests. */
export async function openSqlDatabase(db: string): Promise<Kysely<Database>> {
  const setting = parseDbSetting(db);
  if (setting.kind === "sqlite") return (await import("./sqlite/index.js")).openSqliteDatabase(setting.path);
  return (await import("./postgres/index.js")).openPostgresDatabase(setting.url);
}

/**
 * For `cognate keys rotate-master`: re-encrypts every stored secret that is plaintext or encrypted with `from`
 * (undefined: no key was set) with `to`, in batches of `batchSize` values, one transaction each. Safe to run
 * again after an interruption. Servers still running with the old key go on writing with it: stop them first,
 * or run again once they run with the new key. Throws StorageSecretError naming the key id of a value
 * encrypted with neither key.
 */
export async function rotateMasterKey(
  db: string,
  from: Buffer | undefined,
  to: Buffer,
  options: { batchSize?: number } = {},
): Promise<{ reencrypted: number }> {
  // Both keys are checked before the database is touched.
  const fromCipher = secretCipher(from);
  const toCipher = secretCipher(to);
  const database = await openSqlDatabase(db);
  try {
    return { reencrypted: await resealSecrets(database, fromCipher, toCipher, options.batchSize ?? 100) };
  } finally {
    await database.destroy();
  }
}
