import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { OperatorError } from "../../errors/operatorError.js";
import type { SchemaVersion } from "../../domain/ports/store.js";
import type { SqlDialect } from "./dialect.js";
import { migrations } from "./migrations/index.js";

/** The last migration this code knows: the schema version it needs. */
export const EXPECTED_SCHEMA_VERSION = Object.keys(migrations).sort().at(-1)!;

/** Applies every pending migration, holding the dialect's migration lock. Safe to call on every start. */
export async function migrate(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, migration]) => [name, { up: (target: Kysely<any>) => migration.up(target, dialect) }]),
      );
    },
  };
  await dialect.withMigrationLock(db, async (connection) => {
    const { error } = await new Migrator({ db: connection, provider }).migrateToLatest();
    if (error !== undefined) throw error;
  });
}

/** The last migration applied to the database (undefined: none, a new database) beside the one the code needs. */
export async function schemaVersion(db: Kysely<any>): Promise<SchemaVersion> {
  let current: string | undefined;
  try {
    const { rows } = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
    current = rows[0]?.name ?? undefined;
  } catch (error) {
    // A database nothing was ever applied to has no bookkeeping table yet; anything else is a real failure.
    if ((await hasMigrationTable(db)) === true) throw error;
  }
  return { current, expected: EXPECTED_SCHEMA_VERSION };
}

async function hasMigrationTable(db: Kysely<any>): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((table) => table.name === "kysely_migration");
}

/**
 * Opening a database: apply what is pending, or (manual migrations) refuse a database behind the code with
 * one line saying what to run.
 */
export async function prepareSchema(db: Kysely<any>, dialect: SqlDialect, apply: boolean): Promise<void> {
  if (apply) return migrate(db, dialect);
  const { current, expected } = await schemaVersion(db);
  if (current === undefined || current < expected) {
    throw new OperatorError(
      `the database schema is at ${current ?? "nothing (a new database)"} but this Cognate needs ${expected}: run \`cognate migrate\` first`,
    );
  }
}
