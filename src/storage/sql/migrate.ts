import { Migrator, type Kysely, type Migration } from "kysely";
import type { SqlDialect } from "./dialect.js";
import { migrations } from "./migrations/index.js";

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
