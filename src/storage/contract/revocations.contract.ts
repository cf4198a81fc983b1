import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

const T0 = new Date("2024-07-01T12:00:00.001Z");
export const minutesAfterT0 = (n: number) => new Date(T0.getTime() + n * 60_000);

/** The behaviour of Store.revocations on every backend. */
export function revocationsContract(name: string, open: OpenStore): void {
  describe(`AccessRevocationStore contract: ${name}`, () => {
    test("a revoked origin reads as revoked; an unrevoked one does not", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const revoked = randomUUID();
        assert.equal(await store.revocations.isOriginRevoked(poolId, revoked), false);
        await store.revocations.revokeOrigin(poolId, revoked, minutesAfterT0(60));
        assert.equal(await store.revocations.isOriginRevoked(poolId, revoked), true);
        assert.equal(await store.revocations.isOriginRevoked(poolId, randomUUID()), false);
      }));

    test("revoking an origin again, with an earlier or a later expiry, keeps it revoked", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const originJti = randomUUID();
        await store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(60));
        await store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(30));
        await store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(90));
        assert.equal(await store.revocations.isOriginRevoked(poolId, originJti), true);
      }));

    test("10 concurrent revocations of one origin all succeed", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const originJti = randomUUID();
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(60 + i))),
        );
        assert.equal(await store.revocations.isOriginRevoked(poolId, originJti), true);
      }));

    test("a revoked origin belongs to one pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPool = await createPool(store);
        const originJti = randomUUID();
        await store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(60));
        assert.equal(await store.revocations.isOriginRevoked(otherPool, originJti), false);
      }));

    test("revoking an origin in a pool that does not exist records nothing", () =>
      withStore(open, async (store) => {
        const poolId = `${await createPool(store)}x`;
        const originJti = randomUUID();
        await store.revocations.revokeOrigin(poolId, originJti, minutesAfterT0(60));
        assert.equal(await store.revocations.isOriginRevoked(poolId, originJti), false);
      }));

    test("deleting the pool removes its revoked origins and no other pool's", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPool = await createPool(store);
        const [removed, kept] = [randomUUID(), randomUUID()];
        await store.revocations.revokeOrigin(poolId, removed, minutesAfterT0(60));
        await store.revocations.revokeOrigin(otherPool, kept, minutesAfterT0(60));
        const pool = await store.pools.get(poolId);
        assert.equal(await store.pools.delete(poolId), true);
        await store.pools.create(pool!);
        assert.equal(await store.revocations.isOriginRevoked(poolId, removed), false);
        assert.equal(await store.revocations.isOriginRevoked(otherPool, kept), true);
      }));

    test("a user never signed out has no sign-out time", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        assert.equal(await store.revocations.signedOutAt(user.poolId, user.username), undefined);
        assert.equal(await store.revocations.signedOutAt(user.poolId, "nobody"), undefined);
      }));

    test("a sign-out records its time exact to the millisecond; a later one replaces it, an earlier one does not", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(10));
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(10));
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(20));
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(20));
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(15));
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(20));
      }));

    test("10 concurrent sign-outs at different times keep the latest", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        // The latest time in the middle of the batch: the last statement to land need not carry it.
        const offsets = [3, 7, 1, 9, 12, 4, 2, 8, 6, 5];
        await Promise.all(offsets.map((n) => store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(n))));
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(12));
      }));

    test("a sign-out belongs to one user of one pool", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const neighbour = await createUser(store, user.poolId);
        const namesake = await createUser(store, await createPool(store), user.username);
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(10));
        assert.equal(await store.revocations.signedOutAt(neighbour.poolId, neighbour.username), undefined);
        assert.equal(await store.revocations.signedOutAt(namesake.poolId, namesake.username), undefined);
      }));

    test("signing out a user who does not exist records nothing", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        await store.revocations.signOutUser(poolId, "nobody", minutesAfterT0(10));
        assert.equal(await store.revocations.signedOutAt(poolId, "nobody"), undefined);
      }));

    test("deleting the user removes their sign-out: a new user of that name has none", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const neighbour = await createUser(store, user.poolId);
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(10));
        await store.revocations.signOutUser(neighbour.poolId, neighbour.username, minutesAfterT0(11));
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        await store.users.create(user);
        assert.equal(await store.revocations.signedOutAt(user.poolId, user.username), undefined);
        assert.deepEqual(await store.revocations.signedOutAt(neighbour.poolId, neighbour.username), minutesAfterT0(11));
      }));

    test("deleting the pool removes its users' sign-outs", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store);
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(10));
        await store.revocations.signOutUser(other.poolId, other.username, minutesAfterT0(11));
        const pool = await store.pools.get(user.poolId);
        assert.equal(await store.pools.delete(user.poolId), true);
        await store.pools.create(pool!);
        await store.users.create(user);
        assert.equal(await store.revocations.signedOutAt(user.poolId, user.username), undefined);
        assert.deepEqual(await store.revocations.signedOutAt(other.poolId, other.username), minutesAfterT0(11));
      }));

    test("revocations made in a transaction that rolls back are not kept", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const originJti = randomUUID();
        await store.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(10));
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.revocations.revokeOrigin(user.poolId, originJti, minutesAfterT0(60));
            await tx.revocations.signOutUser(user.poolId, user.username, minutesAfterT0(20));
            assert.equal(await tx.revocations.isOriginRevoked(user.poolId, originJti), true);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.equal(await store.revocations.isOriginRevoked(user.poolId, originJti), false);
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(10));
      }));
  });
}
