import type { Generated } from "kysely";

/**
 * The tables as kysely sees them. Dates are epoch milliseconds (bigint): exact to the millisecond on both
 * dialects, and PostgreSQL's int8 is parsed to a JS number by the postgres factory.
 */
export interface Database {
  user_pools: UserPoolsTable;
  settings: SettingsTable;
}

export interface UserPoolsTable {
  /** Insertion order, never reused: orders listings and is the page cursor. */
  seq: Generated<number>;
  id: string;
  region: string;
  name: string;
  created_at: number;
  last_modified_at: number;
  /** PoolConfig as JSON text. */
  config: string;
}

/** Process-independent numeric settings shared by every instance on the database. */
export interface SettingsTable {
  key: string;
  value: number;
}
