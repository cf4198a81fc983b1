import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { CodePurpose, PendingCodeRecord } from "../../domain/codes/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import { createPool, createUser, sampleUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.codes on every backend. */
export function codesContract(name: string, open: OpenStore): void {
  describe(`PendingCodeStore contract: ${name}`, () => {
    test("a stored code reads back with every field unchanged, dates exact to the millisecond", () =>
      withStore(open, async (store) => {
        const code = sampleCode(await createUser(store), { failedAttempts: 2 });
        await store.codes.put(code);
        assert.deepEqual(await store.codes.get(code.poolId, code.username, code.purpose), code);
      }));

    test("a code's pending value reads back; a code put without one replaces it and reads back without one", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const pending = sampleCode(user, { purpose: "verify:email", pendingValue: "new.address@example.com" });
        await store.codes.put(pending);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, "verify:email"), pending);

        const replacing = sampleCode(user, { purpose: "verify:email", pendingValue: "newer.address@example.com" });
        await store.codes.put(replacing);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, "verify:email"), replacing);

        const plain = sampleCode(user, { purpose: "verify:email" });
        await store.codes.put(plain);
        const stored = await store.codes.get(user.poolId, user.username, "verify:email");
        assert.deepEqual(stored, plain);
        assert.equal(stored !== undefined && "pendingValue" in stored, false);
      }));

    test("getting a code nobody stored returns undefined", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        assert.equal(await store.codes.get(user.poolId, user.username, "signup"), undefined);
        assert.equal(await store.codes.get(user.poolId, "nobody", "signup"), undefined);
      }));

    test("put replaces the user's code of that purpose, failed attempts included, and keeps other purposes", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const first = sampleCode(user, { purpose: "reset" });
        const other = sampleCode(user, { purpose: "verify:email" });
        await store.codes.put(first);
        await store.codes.put(other);
        await store.codes.recordFailedAttempt(user.poolId, user.username, "reset");
        await store.codes.recordFailedAttempt(user.poolId, user.username, "verify:email");

        const second = sampleCode(user, {
          purpose: "reset",
          createdAt: new Date("2024-07-01T13:00:00.456Z"),
          expiresAt: new Date("2024-07-01T14:00:00.456Z"),
        });
        await store.codes.put(second);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, "reset"), second);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, "verify:email"), { ...other, failedAttempts: 1 });
      }));

    test("every purpose is kept apart", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const purposes: CodePurpose[] = ["signup", "reset", "verify:email", "verify:phone_number"];
        const codes = purposes.map((purpose) => sampleCode(user, { purpose }));
        for (const code of codes) await store.codes.put(code);
        for (const code of codes) assert.deepEqual(await store.codes.get(user.poolId, user.username, code.purpose), code);
      }));

    test("recordFailedAttempt adds one and returns the new count; without a code it returns 0 and stores nothing", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const code = sampleCode(user);
        await store.codes.put(code);
        assert.equal(await store.codes.recordFailedAttempt(user.poolId, user.username, code.purpose), 1);
        assert.equal(await store.codes.recordFailedAttempt(user.poolId, user.username, code.purpose), 2);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, code.purpose), { ...code, failedAttempts: 2 });

        assert.equal(await store.codes.recordFailedAttempt(user.poolId, user.username, "reset"), 0);
        assert.equal(await store.codes.get(user.poolId, user.username, "reset"), undefined);
        assert.equal(await store.codes.recordFailedAttempt(user.poolId, "nobody", code.purpose), 0);
      }));

    test("10 concurrent failed attempts all count, each call seeing a distinct count", () =>
      withStore(open, async (store) => {
        const code = sampleCode(await createUser(store));
        await store.codes.put(code);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => store.codes.recordFailedAttempt(code.poolId, code.username, code.purpose)),
        );
        assert.deepEqual(
          results.sort((a, b) => a - b),
          Array.from({ length: 10 }, (_, i) => i + 1),
        );
        assert.equal((await store.codes.get(code.poolId, code.username, code.purpose))?.failedAttempts, 10);
      }));

    test("delete returns true once, then false, and removes only that code", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const code = sampleCode(user, { purpose: "signup" });
        const otherPurpose = sampleCode(user, { purpose: "reset" });
        const neighbour = sampleCode(await createUser(store, user.poolId), { purpose: "signup" });
        for (const each of [code, otherPurpose, neighbour]) await store.codes.put(each);
        assert.equal(await store.codes.delete(user.poolId, user.username, "signup"), true);
        assert.equal(await store.codes.delete(user.poolId, user.username, "signup"), false);
        assert.equal(await store.codes.get(user.poolId, user.username, "signup"), undefined);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, "reset"), otherPurpose);
        assert.deepEqual(await store.codes.get(neighbour.poolId, neighbour.username, "signup"), neighbour);
      }));

    test("of 10 concurrent deletes of one code exactly one returns true", () =>
      withStore(open, async (store) => {
        const code = sampleCode(await createUser(store));
        await store.codes.put(code);
        const results = await Promise.all(
          Array.from({ length: 10 }, () => store.codes.delete(code.poolId, code.username, code.purpose)),
        );
        assert.equal(results.filter(Boolean).length, 1);
      }));

    test("codes belong to one user of one pool", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const namesake = await createUser(store, await createPool(store), user.username);
        const code = sampleCode(user);
        await store.codes.put(code);
        assert.equal(await store.codes.get(namesake.poolId, namesake.username, code.purpose), undefined);
        assert.equal(await store.codes.recordFailedAttempt(namesake.poolId, namesake.username, code.purpose), 0);
        assert.equal(await store.codes.delete(namesake.poolId, namesake.username, code.purpose), false);
        assert.deepEqual(await store.codes.get(user.poolId, user.username, code.purpose), code);
      }));

    test("putting a code for a user who does not exist stores nothing", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const code = sampleCode(sampleUser(poolId));
        await store.codes.put(code);
        assert.equal(await store.codes.get(poolId, code.username, code.purpose), undefined);
      }));

    test("deleting the user removes their codes: a new user of that name has none", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const kept = sampleCode(await createUser(store, user.poolId));
        const code = sampleCode(user);
        await store.codes.put(code);
        await store.codes.put(kept);
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.equal(await store.codes.get(user.poolId, user.username, code.purpose), undefined);
        await store.users.create(user);
        assert.equal(await store.codes.get(user.poolId, user.username, code.purpose), undefined);
        assert.deepEqual(await store.codes.get(kept.poolId, kept.username, kept.purpose), kept);
      }));

    test("deleting the pool removes its codes and no other pool's", () =>
      withStore(open, async (store) => {
        const code = sampleCode(await createUser(store));
        const neighbour = sampleCode(await createUser(store));
        await store.codes.put(code);
        await store.codes.put(neighbour);
        assert.equal(await store.pools.delete(code.poolId), true);
        assert.equal(await store.codes.get(code.poolId, code.username, code.purpose), undefined);
        assert.deepEqual(await store.codes.get(neighbour.poolId, neighbour.username, neighbour.purpose), neighbour);
      }));

    test("a code put in a transaction that rolls back is not stored, and the previous one stays", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const code = sampleCode(user);
        await store.codes.put(code);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.codes.put(sampleCode(user));
            assert.equal(await tx.codes.recordFailedAttempt(user.poolId, user.username, code.purpose), 1);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.deepEqual(await store.codes.get(user.poolId, user.username, code.purpose), code);
      }));
  });
}

export function sampleCode(user: UserRecord, overrides: Partial<PendingCodeRecord> = {}): PendingCodeRecord {
  return {
    poolId: user.poolId,
    username: user.username,
    purpose: "signup",
    digest: randomBytes(32).toString("base64url"),
    createdAt: new Date("2024-07-01T12:00:00.123Z"),
    expiresAt: new Date("2024-07-02T12:00:00.123Z"),
    failedAttempts: 0,
    ...overrides,
  };
}
