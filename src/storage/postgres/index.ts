import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { secretCipher, type StoreOptions } from "../secrets.js";
import { dialects } from "../sql/dialect.js";
import { prepareSchema } from "../sql/migrate.js";
import type { Database } from "../sql/schema.js";
import { SqlStore } from "../sql/store.js";
import type { Store } from "../../domain/ports/store.js";

/**
 * Connects a pool to a PostgreSQL database and migrates it (safe when several instances start together). With a
 * master key, the secrets it stores are encrypted at rest.
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const cipher = secretCipher(options.masterKey);
  return new SqlStore(await openPostgresDatabase(url, options.migrate ?? true), dialects.postgres, cipher);
}

/** The migrated database under the store, for maintenance that works on rows directly (and its tests). */
export async function openPostgresDatabase(url: string, applyMigrations = true): Promise<Kysely<Database>> {
  const pool = new pg.Pool({ connectionString: url, types: { getTypeParser } });
  // An idle connection the server closes (restart, failover) is dropped by the pool and the next query
  // reconnects; without a listener the pool's "error" event would end the process.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await prepareSchema(db, dialects.postgres, applyMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** pg's parsers, except int8 (bigint, count(*)) as a JS number instead of a string. Per pool, not global. */
const getTypeParser: typeof pg.types.getTypeParser = (oid, format) =>
  oid === pg.types.builtins.INT8 && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format);

function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} is outside JavaScript's safe integer range`);
  return value;
}
