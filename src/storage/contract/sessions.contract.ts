import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { AuthSessionRecord } from "../../domain/auth/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.sessions on every backend. */
export function sessionsContract(name: string, open: OpenStore): void {
  describe(`AuthSessionStore contract: ${name}`, () => {
    test("a created session reads back with every field unchanged, its data included", () =>
      withStore(open, async (store) => {
        const session = sampleSession(await createPool(store), {
          challenge: "PASSWORD_VERIFIER",
          data: { srpB: "ab12", nested: { list: [1, "two", null, true] }, text: "ünïcödé ✓" },
        });
        await store.sessions.create(session);
        assert.deepEqual(await store.sessions.get(session.id), session);
      }));

    test("getting an unknown id returns undefined", () =>
      withStore(open, async (store) => {
        assert.equal(await store.sessions.get(randomBytes(32).toString("hex")), undefined);
      }));

    test("creating a session with an existing id throws StorageConflictError and keeps the first", () =>
      withStore(open, async (store) => {
        const session = sampleSession(await createPool(store));
        await store.sessions.create(session);
        await assert.rejects(store.sessions.create({ ...session, username: "someone-else" }), StorageConflictError);
        assert.deepEqual(await store.sessions.get(session.id), session);
      }));

    test("delete returns true once, then false, and the session is gone", () =>
      withStore(open, async (store) => {
        const session = sampleSession(await createPool(store));
        const other = sampleSession(session.poolId);
        await store.sessions.create(session);
        await store.sessions.create(other);
        assert.equal(await store.sessions.delete(session.id), true);
        assert.equal(await store.sessions.delete(session.id), false);
        assert.equal(await store.sessions.get(session.id), undefined);
        assert.deepEqual(await store.sessions.get(other.id), other);
      }));

    test("of 10 concurrent deletes of one session exactly one returns true", () =>
      withStore(open, async (store) => {
        const session = sampleSession(await createPool(store));
        await store.sessions.create(session);
        const results = await Promise.all(Array.from({ length: 10 }, () => store.sessions.delete(session.id)));
        assert.equal(results.filter(Boolean).length, 1);
      }));

    test("deleteExpired removes sessions that expired before the instant, counts them, and keeps the rest", () =>
      withStore(open, async (store) => {
        // Expiry dates no other test uses: the database may hold other tests' sessions.
        const poolId = await createPool(store);
        const before = new Date("1971-01-01T00:00:00.000Z");
        const expired = [
          sampleSession(poolId, { expiresAt: new Date("1970-12-31T23:59:59.999Z") }),
          sampleSession(poolId, { expiresAt: new Date("1970-06-01T00:00:00.000Z") }),
        ];
        const atTheInstant = sampleSession(poolId, { expiresAt: before });
        const later = sampleSession(poolId, { expiresAt: new Date("1971-01-01T00:00:00.001Z") });
        for (const session of [...expired, atTheInstant, later]) await store.sessions.create(session);
        assert.equal(await store.sessions.deleteExpired(before, 100), 2);
        for (const session of expired) assert.equal(await store.sessions.get(session.id), undefined);
        assert.deepEqual(await store.sessions.get(atTheInstant.id), atTheInstant);
        assert.deepEqual(await store.sessions.get(later.id), later);
        assert.equal(await store.sessions.deleteExpired(before, 100), 0);
      }));

    test("deleting the pool removes its sessions and no other pool's", () =>
      withStore(open, async (store) => {
        const session = sampleSession(await createPool(store));
        const neighbour = sampleSession(await createPool(store));
        await store.sessions.create(session);
        await store.sessions.create(neighbour);
        assert.equal(await store.pools.delete(session.poolId), true);
        assert.equal(await store.sessions.get(session.id), undefined);
        assert.deepEqual(await store.sessions.get(neighbour.id), neighbour);
      }));
  });
}

export function sampleSession(poolId: string, overrides: Partial<AuthSessionRecord> = {}): AuthSessionRecord {
  return {
    id: randomBytes(32).toString("hex"),
    poolId,
    clientId: randomBytes(13).toString("hex"),
    username: `user-${randomBytes(5).toString("hex")}`,
    challenge: "NEW_PASSWORD_REQUIRED",
    createdAt: new Date("2024-07-01T12:00:00.123Z"),
    expiresAt: new Date("2024-07-01T12:03:00.123Z"),
    data: {},
    ...overrides,
  };
}
