import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from "kysely";
import { secretCipher, type StoreOptions } from "../secrets.js";
import { dialects } from "../sql/dialect.js";
import { prepareSchema } from "../sql/migrate.js";
import type { ImmediateRead } from "../sql/precompiled.js";
import type { CommitWatch } from "../sql/readCache.js";
import type { Database } from "../sql/schema.js";
import { SqlStore } from "../sql/store.js";
import type { Store } from "../../domain/ports/store.js";

/**
 * Opens (creating it and its directory if needed) and migrates a SQLite database: a file path or ":memory:".
 * With a master key, the secrets it stores are encrypted at rest.
 */
export async function openSqliteStore(path: string, options: StoreOptions = {}): Promise<Store> {
  const cipher = secretCipher(options.masterKey);
  const { db, watch, immediate } = await openWatchedSqliteDatabase(path, options.migrate ?? true);
  return new SqlStore(db, dialects.sqlite, cipher, { watch, immediate });
}

/** The migrated database under the store, for maintenance that works on rows directly (and its tests). */
export async function openSqliteDatabase(path: string): Promise<Kysely<Database>> {
  return (await openWatchedSqliteDatabase(path)).db;
}

async function openWatchedSqliteDatabase(
  path: string,
  applyMigrations = true,
): Promise<{ db: Kysely<Database>; watch: CommitWatch; immediate: ImmediateRead }> {
  const inMemory = path === ":memory:";
  if (!inMemory) await mkdir(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma("busy_timeout = 5000");
  if (!inMemory) database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  // SQLite's own default page cache (2 MiB) rather than better-sqlite3's 16 MiB: one pass over a large pool
  // (DescribeUserPool's user count) would otherwise keep 16 MiB resident for good, while the operating
  // system's page cache already holds the file's hot pages for every lookup.
  database.pragma("cache_size = -2000");
  cachePreparedStatements(database);
  // Other processes may share the file (a second server, a CLI command): their commits change this number.
  const dataVersion = database.prepare("pragma data_version").pluck();
  const watch: CommitWatch = { version: () => dataVersion.get() as number };
  // better-sqlite3 answers synchronously on the one connection: outside a transaction nothing is uncommitted.
  const immediate: ImmediateRead = (sql, parameters) => (database.inTransaction ? undefined : database.prepare(sql).all(parameters));
  const db = new Kysely<Database>({ dialect: new ImmediateTransactionSqliteDialect({ database }) });
  try {
    await prepareSchema(db, dialects.sqlite, applyMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, watch, immediate };
}

/** How many distinct statements stay prepared; the store's queries are far fewer, bulk imports may be more. */
const PREPARED_STATEMENTS = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running a small query: keep the prepared
 * statements by their SQL text (the parameters are bound per run, so reuse is safe), least recently used out.
 */
function cachePreparedStatements(database: BetterSqlite3.Database): void {
  const prepare = database.prepare.bind(database);
  const prepared = new Map<string, BetterSqlite3.Statement>();
  database.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
    } else {
      prepared.delete(source);
    }
    prepared.set(source, statement);
    return statement;
  }) as typeof database.prepare;
}

/**
 * Kysely's SQLite dialect with transactions started by BEGIN IMMEDIATE. A deferred transaction that reads and
 * then writes fails at once with SQLITE_BUSY when another process (e.g. a CLI command beside the server) wrote
 * in between; IMMEDIATE takes the write lock up front, so it waits on busy_timeout instead.
 */
class ImmediateTransactionSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.dialectConfig);
  }
}

class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
