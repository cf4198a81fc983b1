import type { UserPoolRecord } from "../domain/pools/types.js";

/**
 * Storage as the domain sees it. Implemented once over kysely (storage/sql) for SQLite and PostgreSQL;
 * both pass the suites in storage/contract. Every per-pool method is scoped by pool id.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  readonly pools: PoolStore;
  readonly settings: SettingsStore;
  /** Runs fn in one database transaction; the store handed to fn must be used for every access inside. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface Page {
  limit: number;
  /** Opaque cursor returned as `nextAfter` by the previous page. */
  after?: string;
}

export interface PageResult<T> {
  items: T[];
  /** Present when more items may follow. */
  nextAfter?: string;
}

export interface PoolStore {
  /** Throws StorageConflictError when the id exists. */
  create(pool: UserPoolRecord): Promise<void>;
  get(poolId: string): Promise<UserPoolRecord | undefined>;
  /** Replaces name, lastModifiedAt and config; returns false when the pool does not exist. */
  update(pool: UserPoolRecord): Promise<boolean>;
  /** Returns false when the pool does not exist. */
  delete(poolId: string): Promise<boolean>;
  /** Pools of one region in creation order; the cursor stays valid while pools are added or removed. */
  list(region: string, page: Page): Promise<PageResult<UserPoolRecord>>;
}

export interface SettingsStore {
  /** Seconds added to the wall clock by the local control API (0 when never set). */
  clockOffsetSeconds(): Promise<number>;
  /** Adds to the offset atomically (safe with several instances) and returns the new offset. */
  advanceClock(seconds: number): Promise<number>;
}
