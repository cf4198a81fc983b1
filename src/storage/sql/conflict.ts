import { sql, type Kysely } from "kysely";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { SqlDialect } from "./dialect.js";

/**
 * Runs one write that may violate a unique key. Inside a transaction it runs under a savepoint: PostgreSQL
 * aborts the whole transaction when any statement fails, and the savepoint confines the failure to this
 * write, so a caller may catch the conflict and carry on, as SQLite allows anyway. Writes within one
 * transaction must not run concurrently (kysely serialises them on its one connection regardless).
 */
export async function confinedWrite<T>(db: Kysely<any>, write: () => Promise<T>): Promise<T> {
  if (!db.isTransaction) return write();
  await sql`savepoint cognate_write`.execute(db);
  let result: T;
  try {
    result = await write();
  } catch (error) {
    await sql`rollback to savepoint cognate_write`.execute(db);
    await sql`release savepoint cognate_write`.execute(db);
    throw error;
  }
  await sql`release savepoint cognate_write`.execute(db);
  return result;
}

/** Runs a write as confinedWrite does, turning the driver's unique-violation error into StorageConflictError. */
export async function mapConflict<T>(db: Kysely<any>, dialect: SqlDialect, write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await confinedWrite(db, write);
  } catch (error) {
    if (dialect.isUniqueViolation(error)) throw new StorageConflictError(message, { cause: error });
    throw error;
  }
}
