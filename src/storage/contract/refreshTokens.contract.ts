import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { RefreshTokenRecord } from "../../domain/tokens/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.refreshTokens on every backend. */
export function refreshTokensContract(name: string, open: OpenStore): void {
  describe(`RefreshTokenStore contract: ${name}`, () => {
    test("a created token reads back with every field unchanged, without revokedAt until revoked or deviceKey unless bound", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const token = sampleToken(user);
        await store.refreshTokens.create(token);
        const read = await store.refreshTokens.get(token.id);
        assert.deepEqual(read, token);
        assert.equal(read !== undefined && "revokedAt" in read, false);
        const revoked = sampleToken(user, { revokedAt: new Date("2024-07-02T00:00:00.456Z") });
        await store.refreshTokens.create(revoked);
        assert.deepEqual(await store.refreshTokens.get(revoked.id), revoked);
        for (const scopes of [["openid", "email", "orders/read"], []]) {
          const hosted = sampleToken(user, { scopes });
          await store.refreshTokens.create(hosted);
          assert.deepEqual(await store.refreshTokens.get(hosted.id), hosted);
        }
        const onDevice = sampleToken(user, { deviceKey: `eu-west-1_${randomUUID()}` });
        await store.refreshTokens.create(onDevice);
        assert.deepEqual(await store.refreshTokens.get(onDevice.id), onDevice);
      }));

    test("getting an unknown id returns undefined", () =>
      withStore(open, async (store) => {
        assert.equal(await store.refreshTokens.get(randomBytes(32).toString("hex")), undefined);
      }));

    test("creating a token with an existing id throws StorageConflictError and keeps the first", () =>
      withStore(open, async (store) => {
        const token = sampleToken(await createUser(store));
        await store.refreshTokens.create(token);
        await assert.rejects(store.refreshTokens.create({ ...token, clientId: "other-client" }), StorageConflictError);
        assert.deepEqual(await store.refreshTokens.get(token.id), token);
      }));

    test("revoke sets revokedAt and returns true; revoking again keeps the first time; an unknown id returns false", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const token = sampleToken(user);
        const untouched = sampleToken(user);
        await store.refreshTokens.create(token);
        await store.refreshTokens.create(untouched);
        const at = new Date("2024-07-05T00:00:00.789Z");
        assert.equal(await store.refreshTokens.revoke(token.id, at), true);
        assert.deepEqual(await store.refreshTokens.get(token.id), { ...token, revokedAt: at });
        assert.equal(await store.refreshTokens.revoke(token.id, new Date("2024-07-06T00:00:00.000Z")), true);
        assert.deepEqual(await store.refreshTokens.get(token.id), { ...token, revokedAt: at });
        assert.deepEqual(await store.refreshTokens.get(untouched.id), untouched);
        assert.equal(await store.refreshTokens.revoke(randomBytes(32).toString("hex"), at), false);
      }));

    test("revokeAllForUser revokes and counts only the user's unrevoked tokens in that pool", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const neighbour = await createUser(store, user.poolId);
        const namesake = await createUser(store, await createPool(store), user.username);
        const earlier = new Date("2024-07-03T00:00:00.000Z");
        const live = [sampleToken(user), sampleToken(user, { clientId: "another-client" })];
        const alreadyRevoked = sampleToken(user, { revokedAt: earlier });
        const others = [sampleToken(neighbour), sampleToken(namesake)];
        for (const token of [...live, alreadyRevoked, ...others]) await store.refreshTokens.create(token);

        const at = new Date("2024-07-04T00:00:00.001Z");
        assert.equal(await store.refreshTokens.revokeAllForUser(user.poolId, user.username, at), 2);
        for (const token of live) assert.deepEqual(await store.refreshTokens.get(token.id), { ...token, revokedAt: at });
        assert.deepEqual(await store.refreshTokens.get(alreadyRevoked.id), alreadyRevoked);
        for (const token of others) assert.deepEqual(await store.refreshTokens.get(token.id), token);
        assert.equal(await store.refreshTokens.revokeAllForUser(user.poolId, user.username, new Date("2024-07-05T00:00:00.000Z")), 0);
      }));

    test("deleting the user removes their tokens and no one else's", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const neighbour = await createUser(store, user.poolId);
        const token = sampleToken(user);
        const kept = sampleToken(neighbour);
        await store.refreshTokens.create(token);
        await store.refreshTokens.create(kept);
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.equal(await store.refreshTokens.get(token.id), undefined);
        assert.deepEqual(await store.refreshTokens.get(kept.id), kept);
      }));

    test("deleting the pool removes its tokens and no other pool's", () =>
      withStore(open, async (store) => {
        const token = sampleToken(await createUser(store));
        const neighbour = sampleToken(await createUser(store));
        await store.refreshTokens.create(token);
        await store.refreshTokens.create(neighbour);
        assert.equal(await store.pools.delete(token.poolId), true);
        assert.equal(await store.refreshTokens.get(token.id), undefined);
        assert.deepEqual(await store.refreshTokens.get(neighbour.id), neighbour);
      }));
  });
}

export function sampleToken(user: UserRecord, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord {
  return {
    id: randomBytes(32).toString("hex"),
    poolId: user.poolId,
    clientId: randomBytes(13).toString("hex"),
    username: user.username,
    originJti: randomUUID(),
    authTime: 1_719_835_200,
    createdAt: new Date("2024-07-01T12:00:00.123Z"),
    expiresAt: new Date("2024-07-31T12:00:00.123Z"),
    ...overrides,
  };
}
