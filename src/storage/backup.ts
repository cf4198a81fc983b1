import { existsSync } from "node:fs";
import { resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { parseDbSetting } from "../config/db.js";
import { OperatorError } from "../errors/operatorError.js";
import { openSqlDatabase } from "./open.js";

/** One line for the operator: PostgreSQL's own tools copy a live database consistently, with its roles and types. */
const POSTGRES_BACKUP =
  "on PostgreSQL, back up with pg_dump and restore with pg_restore (see the README, Operating Cognate): " +
  "pg_dump --format=custom takes a consistent snapshot while Cognate serves";

/** The SQLite file a database setting names; PostgreSQL and in-memory databases are refused with one line. */
function sqliteFile(db: string): string {
  const setting = parseDbSetting(db);
  if (setting.kind !== "sqlite") throw new OperatorError(POSTGRES_BACKUP);
  if (setting.path === ":memory:") throw new OperatorError("an in-memory database cannot be backed up or restored");
  return setting.path;
}

/** Every page in one step: the copy is one read transaction, a single consistent snapshot. */
const ALL_PAGES = () => 2_147_483_647;

/**
 * `cognate backup FILE`: a consistent copy of the SQLite database through SQLite's online backup, taken in one
 * read transaction (WAL lets the server go on writing meanwhile). Refuses to overwrite an existing file.
 * Returns the copy's size in pages.
 */
export async function backupDatabase(db: string, file: string): Promise<{ pages: number }> {
  const path = sqliteFile(db);
  if (existsSync(file)) throw new OperatorError(`${file} exists already: choose a new file for the backup`);
  if (!existsSync(path)) throw new OperatorError(`there is no database at ${path} to back up`);
  const source = new BetterSqlite3(path, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const { totalPages } = await source.backup(file, { progress: ALL_PAGES });
    checkIntegrity(file);
    return { pages: totalPages };
  } finally {
    source.close();
  }
}

/**
 * `cognate restore FILE`: replaces the SQLite database with a backup's content, after checking the backup is a
 * sound Cognate database, then brings its schema up to this code's. A database that holds any user pool is only
 * replaced with `force`. Servers on the database should be stopped first: they would serve the restored rows
 * at once, but requests in flight would straddle both.
 */
export async function restoreDatabase(db: string, file: string, force: boolean): Promise<{ pools: number }> {
  const path = sqliteFile(db);
  if (!existsSync(file)) throw new OperatorError(`there is no backup at ${file}`);
  if (resolve(file) === resolve(path)) throw new OperatorError(`${file} is the database itself`);
  checkIntegrity(file);
  const backup = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const isCognate = backup.prepare("select count(*) from sqlite_master where type = 'table' and name in ('kysely_migration', 'user_pools')").pluck().get();
    if (isCognate !== 2) throw new OperatorError(`${file} is not a Cognate database`);
    const livePools = existsSync(path) ? countPools(path) : 0;
    if (livePools > 0 && !force) {
      throw new OperatorError(`the database at ${path} holds ${livePools} user pools: pass --force to replace it with ${file}`);
    }
    await backup.backup(path, { progress: ALL_PAGES });
    const pools = backup.prepare("select count(*) from user_pools").pluck().get() as number;
    // A backup from an older Cognate is brought up to this one's schema.
    await (await openSqlDatabase(db)).destroy();
    return { pools };
  } finally {
    backup.close();
  }
}

function countPools(path: string): number {
  const live = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const hasPools = live.prepare("select count(*) from sqlite_master where type = 'table' and name = 'user_pools'").pluck().get();
    return hasPools === 1 ? (live.prepare("select count(*) from user_pools").pluck().get() as number) : 0;
  } finally {
    live.close();
  }
}

function checkIntegrity(file: string): void {
  let copy: BetterSqlite3.Database;
  try {
    copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new OperatorError(`${file} cannot be opened as a SQLite database (${(error as Error).message})`);
  }
  try {
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new OperatorError(`${file} fails SQLite's integrity check: ${String(result)}`);
  } catch (error) {
    if (error instanceof OperatorError) throw error;
    throw new OperatorError(`${file} is not a SQLite database (${(error as Error).message})`);
  } finally {
    copy.close();
  }
}
