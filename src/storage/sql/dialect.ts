import { sql, type CreateTableBuilder, type Kysely } from "kysely";

/**
 * The few places where SQLite and PostgreSQL need different SQL. Queries are otherwise shared: keep this
 * list short, and add to it only what truly differs.
 */
export interface SqlDialect {
  readonly name: "sqlite" | "postgres";
  /** Adds an integer primary key that grows with every insert and is never reused, even after deletes. */
  addSequencePrimaryKey(table: CreateTableBuilder<string, string>, column: string): CreateTableBuilder<string, string>;
  /** True for a driver error raised by a unique or primary-key violation. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Runs fn on one dedicated connection while holding the database-wide migration lock, so that several
   * processes starting together on one database migrate it once.
   */
  withMigrationLock(db: Kysely<any>, fn: (connection: Kysely<any>) => Promise<void>): Promise<void>;
}

function driverErrorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** An arbitrary constant shared by every Cognate instance: the key of the PostgreSQL advisory lock. */
const POSTGRES_MIGRATION_LOCK_KEY = 7_346_529_012;

export const dialects: Readonly<Record<SqlDialect["name"], SqlDialect>> = {
  sqlite: {
    name: "sqlite",
    // AUTOINCREMENT (not a bare rowid) so the value of a deleted last row is not handed out again.
    addSequencePrimaryKey: (table, column) =>
      table.addColumn(column, "integer", (col) => col.primaryKey().autoIncrement()),
    isUniqueViolation: (error) => {
      const code = driverErrorCode(error);
      return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
    },
    // One IMMEDIATE transaction takes SQLite's write lock (other processes wait on busy_timeout) and
    // makes the whole run atomic: kysely runs SQLite migrations outside any transaction by itself.
    withMigrationLock: (db, fn) =>
      db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          await fn(connection);
        } catch (error) {
          // Some failures (e.g. a full disk) end the transaction by themselves: keep the original error.
          await sql`rollback`.execute(connection).catch(() => undefined);
          throw error;
        }
        await sql`commit`.execute(connection);
      }),
  },
  postgres: {
    name: "postgres",
    addSequencePrimaryKey: (table, column) =>
      table.addColumn(column, "bigint", (col) => col.primaryKey().generatedAlwaysAsIdentity()),
    isUniqueViolation: (error) => driverErrorCode(error) === "23505",
    // A session-level advisory lock, held by the connection that runs the migrations, serialises whole runs
    // across instances: kysely's own lock only starts after it has raced to create its bookkeeping tables.
    withMigrationLock: (db, fn) =>
      db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${sql.lit(POSTGRES_MIGRATION_LOCK_KEY)})`.execute(connection);
        try {
          await fn(connection);
        } finally {
          await sql`select pg_advisory_unlock(${sql.lit(POSTGRES_MIGRATION_LOCK_KEY)})`.execute(connection);
        }
      }),
  },
};
