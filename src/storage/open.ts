import { openPostgresStore } from "./postgres/index.js";
import { openSqliteStore } from "./sqlite/index.js";
import type { Store } from "./store.js";

export type DbSetting = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

const EXPECTED = "must be sqlite:<path>, sqlite::memory: or a postgres:// URL";

/** Reads a database setting: "sqlite:<path>", "sqlite::memory:", "postgres://…" or "postgresql://…". */
export function parseDbSetting(value: string): DbSetting {
  if (value.startsWith("postgres://") || value.startsWith("postgresql://")) return { kind: "postgres", url: value };
  if (value.startsWith("sqlite:")) {
    const path = value.slice("sqlite:".length);
    if (path === "") throw new Error(`${EXPECTED} (got "sqlite:" without a path)`);
    return { kind: "sqlite", path };
  }
  // Never echo a URL: it may carry a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0];
  if (scheme !== undefined) throw new Error(`${EXPECTED} (got a "${scheme}" setting)`);
  if (value === "") throw new Error(`${EXPECTED} (got an empty value)`);
  throw new Error(`${EXPECTED} (got ${JSON.stringify(value)}; for a file, write ${JSON.stringify(`sqlite:${value}`)})`);
}

/** Opens the store named by a database setting and applies pending migrations. */
export async function openStore(db: string): Promise<Store> {
  const setting = parseDbSetting(db);
  return setting.kind === "sqlite" ? openSqliteStore(setting.path) : openPostgresStore(setting.url);
}

/** For `cognate migrate`: applies pending migrations and closes the database again. */
export async function migrateOnly(db: string): Promise<void> {
  const store = await openStore(db);
  await store.close();
}
