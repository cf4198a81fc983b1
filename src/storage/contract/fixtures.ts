import { randomBytes, randomUUID } from "node:crypto";
import type { UserPoolRecord } from "../../domain/pools/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import type { Store } from "../../domain/ports/store.js";

/**
 * Helpers shared by the contract suites. PostgreSQL hands every test the same database, so each test makes
 * pools of its own and never assumes an empty database.
 */
export type OpenStore = () => Promise<Store>;

export async function withStore(open: OpenStore, fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await open();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

/** A region no other test uses. */
export function uniqueRegion(): string {
  return `test-${randomBytes(4).toString("hex")}-1`;
}

/** Creates a pool no other test uses and returns its id. */
export async function createPool(store: Store): Promise<string> {
  const region = uniqueRegion();
  const pool: UserPoolRecord = {
    id: `${region}_${randomBytes(6).toString("hex")}`,
    region,
    name: "contract pool",
    createdAt: new Date("2024-05-06T07:08:09.123Z"),
    lastModifiedAt: new Date("2024-05-06T07:08:09.123Z"),
    config: {},
  };
  await store.pools.create(pool);
  return pool.id;
}

/** A confirmed, enabled user with a unique username and sub, no aliases and no password. */
export function sampleUser(poolId: string, overrides: Partial<UserRecord> = {}): UserRecord {
  const sub = overrides.sub ?? randomUUID();
  const username = overrides.username ?? `user-${randomBytes(5).toString("hex")}`;
  return {
    poolId,
    username,
    usernameKey: username,
    sub,
    status: "CONFIRMED",
    enabled: true,
    attributes: { sub },
    aliases: {},
    createdAt: new Date("2024-06-01T10:00:00.001Z"),
    lastModifiedAt: new Date("2024-06-01T10:00:00.001Z"),
    ...overrides,
  };
}

/** Creates a sample user, in a new pool unless one is given, named `username` (and its key) when given. */
export async function createUser(store: Store, poolId?: string, username?: string): Promise<UserRecord> {
  const user = sampleUser(poolId ?? (await createPool(store)), username === undefined ? {} : { username, usernameKey: username });
  await store.users.create(user);
  return user;
}
