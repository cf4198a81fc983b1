import { sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely, type RawBuilder } from "kysely";

/**
 * The few places where SQLite and PostgreSQL need different SQL. Queries are otherwise shared: keep this
 * list short, and add to it only what truly differs.
 */
export interface SqlDialect {
  readonly name: "sqlite" | "postgres";
  /** Adds an integer primary key that grows with every insert and is never reused, even after deletes. */
  addSequencePrimaryKey(table: CreateTableBuilder<string, string>, column: string): CreateTableBuilder<string, string>;
  /**
   * A text column type compared and ordered by code point (byte order of UTF-8), whatever the database's
   * collation: exact, case-sensitive prefix matches are then index ranges.
   */
  readonly codePointText: ColumnDataType | Expression<unknown>;
  /** False when a text value cannot contain U+0000 (PostgreSQL rejects it): such a value matches nothing stored. */
  readonly textHoldsNul: boolean;
  /** The smaller of two values: SQLite spells it min(a, b), PostgreSQL least(a, b). */
  least<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T>;
  /** The greater of two values: SQLite spells it max(a, b), PostgreSQL greatest(a, b). */
  greatest<T>(a: Expression<T>, b: Expression<T>): RawBuilder<T>;
  /** True for a driver error raised by a unique or primary-key violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Which unique key a unique violation hit, as the driver tells it; undefined for any other error. */
  uniqueViolation(error: unknown): UniqueViolation | undefined;
  /**
   * Runs fn on one dedicated connection while holding the database-wide migration lock, so that several
   * processes starting together on one database migrate it once.
   */
  withMigrationLock(db: Kysely<any>, fn: (connection: Kysely<any>) => Promise<void>): Promise<void>;
}

/** PostgreSQL names the violated constraint (or unique index); SQLite names its table and columns. */
export type UniqueViolation = { constraint: string } | { table: string; columns: string[] };

function driverErrorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

function isSqliteUniqueViolation(error: unknown): boolean {
  const code = driverErrorCode(error);
  return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** An arbitrary constant shared by every Cognate instance: the key of the PostgreSQL advisory lock. */
const POSTGRES_MIGRATION_LOCK_KEY = 7_346_529_012;

export const dialects: Readonly<Record<SqlDialect["name"], SqlDialect>> = {
  sqlite: {
    name: "sqlite",
    // AUTOINCREMENT (not a bare rowid) so the value of a deleted last row is not handed out again.
    addSequencePrimaryKey: (table, column) =>
      table.addColumn(column, "integer", (col) => col.primaryKey().autoIncrement()),
    // Columns declared plain text compare with SQLite's BINARY collation: memcmp over UTF-8.
    codePointText: "text",
    textHoldsNul: true,
    // With two or more arguments min and max are scalar functions, not the aggregates.
    least: (a, b) => sql`min(${a}, ${b})`,
    greatest: (a, b) => sql`max(${a}, ${b})`,
    isUniqueViolation: isSqliteUniqueViolation,
    // "UNIQUE constraint failed: users.pool_id, users.sub": one constraint's columns, each with its table.
    uniqueViolation: (error) => {
      if (!isSqliteUniqueViolation(error)) return undefined;
      const message = error instanceof Error ? error.message : "";
      const qualified = /^UNIQUE constraint failed: (.+)$/.exec(message)?.[1]?.split(", ") ?? [];
      const table = qualified[0]?.split(".")[0] ?? "";
      return { table, columns: qualified.map((column) => column.slice(column.indexOf(".") + 1)) };
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
    // Collation "C" compares bytes; the database's default collation (e.g. en_US) may fold or ignore characters.
    codePointText: sql`text collate "C"`,
    textHoldsNul: false,
    least: (a, b) => sql`least(${a}, ${b})`,
    greatest: (a, b) => sql`greatest(${a}, ${b})`,
    isUniqueViolation: (error) => driverErrorCode(error) === "23505",
    uniqueViolation: (error) => {
      if (driverErrorCode(error) !== "23505") return undefined;
      const constraint = typeof error === "object" && error !== null && "constraint" in error ? error.constraint : undefined;
      return { constraint: typeof constraint === "string" ? constraint : "" };
    },
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
