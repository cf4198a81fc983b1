/** Where data lives: an SQLite file (or memory) or a PostgreSQL database. */
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
