import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { SignInFailures } from "../../domain/auth/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, sampleUser, withStore, type OpenStore } from "./fixtures.js";

const T0 = new Date("2024-07-01T12:00:00.001Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
/** A reset boundary before every failure of a test: counts only grow. */
const NEVER_RESET = new Date(0);

/** Records one failure of the user at `at`; by default the count never resets. */
function recordFailure(store: Store, user: UserRecord, at: Date, resetBefore = NEVER_RESET): Promise<SignInFailures> {
  return store.users.recordSignInFailure(user.poolId, user.username, at, resetBefore);
}

/** The sign-in failure counters of Store.users on every backend. */
export function signInFailuresContract(name: string, open: OpenStore): void {
  describe(`Sign-in failures contract: ${name}`, () => {
    test("a user without failures has none", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        assert.equal(await store.users.signInFailures(user.poolId, user.username), undefined);
      }));

    test("each failure adds one and records its time, exact to the millisecond", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        assert.deepEqual(await recordFailure(store, user, minutes(0)), { count: 1, lastFailureAt: minutes(0) });
        assert.deepEqual(await recordFailure(store, user, minutes(1)), { count: 2, lastFailureAt: minutes(1) });
        assert.deepEqual(await recordFailure(store, user, minutes(2)), { count: 3, lastFailureAt: minutes(2) });
        assert.deepEqual(await store.users.signInFailures(user.poolId, user.username), { count: 3, lastFailureAt: minutes(2) });
      }));

    test("a count whose last failure is older than resetBefore starts again from 1; one exactly at it continues", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        await recordFailure(store, user, minutes(0));
        await recordFailure(store, user, minutes(1));
        assert.deepEqual(await recordFailure(store, user, minutes(5), minutes(1)), { count: 3, lastFailureAt: minutes(5) });
        assert.deepEqual(await recordFailure(store, user, minutes(20), minutes(10)), { count: 1, lastFailureAt: minutes(20) });
        assert.deepEqual(await store.users.signInFailures(user.poolId, user.username), { count: 1, lastFailureAt: minutes(20) });
      }));

    test("clearing removes the count, the next failure starts from 1, and clearing again is harmless", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        await recordFailure(store, user, minutes(0));
        await recordFailure(store, user, minutes(1));
        await store.users.clearSignInFailures(user.poolId, user.username);
        assert.equal(await store.users.signInFailures(user.poolId, user.username), undefined);
        await store.users.clearSignInFailures(user.poolId, user.username);
        assert.deepEqual(await recordFailure(store, user, minutes(2)), { count: 1, lastFailureAt: minutes(2) });
      }));

    test("counts belong to one user of one pool", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        const neighbour = sampleUser(user.poolId);
        const namesake = { ...user, poolId: await createPool(store) };
        for (const each of [user, neighbour, namesake]) await store.users.create(each);
        await recordFailure(store, user, minutes(0));
        await recordFailure(store, user, minutes(1));
        await recordFailure(store, neighbour, minutes(2));
        assert.equal(await store.users.signInFailures(namesake.poolId, namesake.username), undefined);
        assert.deepEqual(await store.users.signInFailures(neighbour.poolId, neighbour.username), { count: 1, lastFailureAt: minutes(2) });

        await store.users.clearSignInFailures(user.poolId, user.username);
        assert.deepEqual(await store.users.signInFailures(neighbour.poolId, neighbour.username), { count: 1, lastFailureAt: minutes(2) });
      }));

    test("deleting the user removes the count: a new user of that name starts without failures", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        await recordFailure(store, user, minutes(0));
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.equal(await store.users.signInFailures(user.poolId, user.username), undefined);
        await store.users.create(user);
        assert.equal(await store.users.signInFailures(user.poolId, user.username), undefined);
      }));

    test("deleting the pool removes its users' counts", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        await recordFailure(store, user, minutes(0));
        assert.equal(await store.pools.delete(user.poolId), true);
        assert.equal(await store.users.signInFailures(user.poolId, user.username), undefined);
      }));

    test("a failure of a user who does not exist records nothing and counts 0", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        assert.deepEqual(await store.users.recordSignInFailure(poolId, "nobody", minutes(0), NEVER_RESET), { count: 0, lastFailureAt: minutes(0) });
        assert.equal(await store.users.signInFailures(poolId, "nobody"), undefined);
      }));

    test("20 concurrent failures all count, each call seeing a distinct count", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        const results = await Promise.all(Array.from({ length: 20 }, () => recordFailure(store, user, minutes(0))));
        assert.deepEqual(
          results.map((result) => result.count).sort((a, b) => a - b),
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        assert.deepEqual(await store.users.signInFailures(user.poolId, user.username), { count: 20, lastFailureAt: minutes(0) });
      }));

    test("a failure recorded in a transaction that rolls back is not counted", () =>
      withStore(open, async (store) => {
        const user = sampleUser(await createPool(store));
        await store.users.create(user);
        await recordFailure(store, user, minutes(0));
        await assert.rejects(
          store.transaction(async (tx) => {
            assert.equal((await recordFailure(tx, user, minutes(1))).count, 2);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.deepEqual(await store.users.signInFailures(user.poolId, user.username), { count: 1, lastFailureAt: minutes(0) });
      }));
  });
}
