import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { KeyUse, SigningKeyRecord } from "../../domain/tokens/keys.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.keys on every backend. */
export function keysContract(name: string, open: OpenStore): void {
  describe(`SigningKeyStore contract: ${name}`, () => {
    test("a pool without keys lists none", () =>
      withStore(open, async (store) => {
        assert.deepEqual(await store.keys.list(await createPool(store)), []);
      }));

    test("the first key of each use is added and reads back with every field unchanged", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const id = sampleKey(poolId, "id", new Date("2024-07-01T12:00:00.001Z"));
        const access = sampleKey(poolId, "access", new Date("2024-07-01T12:00:00.002Z"));
        assert.equal(await store.keys.addIfNoActive(id), true);
        assert.equal(await store.keys.addIfNoActive(access), true);
        const listed = await store.keys.list(poolId);
        assert.deepEqual(listed, [access, id]);
        assert.equal(listed.some((key) => "retiredAt" in key), false);
      }));

    test("the SAML signing key is a use of its own: it is added beside the token keys and retired apart from them", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const id = sampleKey(poolId, "id", new Date("2024-07-01T12:00:00.001Z"));
        const saml = sampleKey(poolId, "saml", new Date("2024-07-01T12:00:00.002Z"));
        assert.equal(await store.keys.addIfNoActive(id), true);
        assert.equal(await store.keys.addIfNoActive(saml), true);
        assert.equal(await store.keys.addIfNoActive(sampleKey(poolId, "saml")), false);
        await store.keys.retire(poolId, "id", new Date("2024-08-01T00:00:00.000Z"));
        assert.deepEqual(await store.keys.list(poolId), [saml, { ...id, retiredAt: new Date("2024-08-01T00:00:00.000Z") }]);
      }));

    test("a second active key of a use is not added while the first stays", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const first = sampleKey(poolId, "id");
        assert.equal(await store.keys.addIfNoActive(first), true);
        assert.equal(await store.keys.addIfNoActive(sampleKey(poolId, "id")), false);
        assert.deepEqual(await store.keys.list(poolId), [first]);
      }));

    test("retire marks the active key of that use only; a new key of the use may then be added", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const oldId = sampleKey(poolId, "id", new Date("2024-07-01T00:00:00.000Z"));
        const access = sampleKey(poolId, "access", new Date("2024-07-01T00:00:00.001Z"));
        await store.keys.addIfNoActive(oldId);
        await store.keys.addIfNoActive(access);
        const retiredAt = new Date("2024-08-01T00:00:00.123Z");
        await store.keys.retire(poolId, "id", retiredAt);
        const newId = sampleKey(poolId, "id", new Date("2024-08-01T00:00:00.124Z"));
        assert.equal(await store.keys.addIfNoActive(newId), true);
        assert.deepEqual(await store.keys.list(poolId), [newId, access, { ...oldId, retiredAt }]);
      }));

    test("retiring when no key of the use is active changes nothing, and earlier retirements keep their time", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const key = sampleKey(poolId, "access");
        await store.keys.addIfNoActive(key);
        await store.keys.retire(poolId, "id", new Date("2024-08-01T00:00:00.000Z"));
        assert.deepEqual(await store.keys.list(poolId), [key]);
        const retiredAt = new Date("2024-08-02T00:00:00.000Z");
        await store.keys.retire(poolId, "access", retiredAt);
        await store.keys.retire(poolId, "access", new Date("2024-08-03T00:00:00.000Z"));
        assert.deepEqual(await store.keys.list(poolId), [{ ...key, retiredAt }]);
      }));

    test("list orders newest first by creation time, then the later added of keys created in the same millisecond", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const middle = sampleKey(poolId, "id", new Date("2024-07-02T00:00:00.000Z"));
        await store.keys.addIfNoActive(middle);
        await store.keys.retire(poolId, "id", new Date("2024-07-03T00:00:00.000Z"));
        const newest = sampleKey(poolId, "id", new Date("2024-07-05T00:00:00.000Z"));
        await store.keys.addIfNoActive(newest);
        await store.keys.retire(poolId, "id", new Date("2024-07-06T00:00:00.000Z"));
        // Added last but created first: creation time, not insertion, comes first.
        const oldest = sampleKey(poolId, "id", new Date("2024-07-01T00:00:00.000Z"));
        await store.keys.addIfNoActive(oldest);
        await store.keys.retire(poolId, "id", new Date("2024-07-07T00:00:00.000Z"));
        const sameInstant = sampleKey(poolId, "id", new Date("2024-07-02T00:00:00.000Z"));
        await store.keys.addIfNoActive(sameInstant);
        assert.deepEqual(
          (await store.keys.list(poolId)).map((key) => key.kid),
          [newest.kid, sameInstant.kid, middle.kid, oldest.kid],
        );
      }));

    test("keys belong to one pool: another pool adds its own active keys and lists only them", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPoolId = await createPool(store);
        const mine = sampleKey(poolId, "id");
        const theirs = sampleKey(otherPoolId, "id");
        assert.equal(await store.keys.addIfNoActive(mine), true);
        assert.equal(await store.keys.addIfNoActive(theirs), true);
        await store.keys.retire(otherPoolId, "id", new Date("2024-08-01T00:00:00.000Z"));
        assert.deepEqual(await store.keys.list(poolId), [mine]);
        assert.deepEqual(await store.keys.list(otherPoolId), [{ ...theirs, retiredAt: new Date("2024-08-01T00:00:00.000Z") }]);
      }));

    test("adding a key whose kid is already stored throws StorageConflictError, even in another pool", () =>
      withStore(open, async (store) => {
        const key = sampleKey(await createPool(store), "id");
        await store.keys.addIfNoActive(key);
        const otherPoolId = await createPool(store);
        await assert.rejects(store.keys.addIfNoActive({ ...key, poolId: otherPoolId }), StorageConflictError);
        assert.deepEqual(await store.keys.list(otherPoolId), []);
      }));

    test("of 10 concurrent first keys of a use exactly one is added", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const candidates = Array.from({ length: 10 }, () => sampleKey(poolId, "access"));
        const results = await Promise.all(candidates.map((key) => store.keys.addIfNoActive(key)));
        assert.equal(results.filter(Boolean).length, 1);
        assert.deepEqual(await store.keys.list(poolId), [candidates[results.indexOf(true)]]);
      }));

    test("deleting the pool removes its keys and no other pool's", () =>
      withStore(open, async (store) => {
        const key = sampleKey(await createPool(store), "id");
        const neighbour = sampleKey(await createPool(store), "id");
        await store.keys.addIfNoActive(key);
        await store.keys.addIfNoActive(neighbour);
        assert.equal(await store.pools.delete(key.poolId), true);
        assert.deepEqual(await store.keys.list(key.poolId), []);
        assert.deepEqual(await store.keys.list(neighbour.poolId), [neighbour]);
      }));
  });
}

/** A key record with placeholder key material: storage keeps it as given and never parses it. */
export function sampleKey(poolId: string, use: KeyUse, createdAt = new Date("2024-07-01T12:00:00.001Z")): SigningKeyRecord {
  const kid = randomBytes(32).toString("base64");
  return {
    poolId,
    kid,
    use,
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString("base64")}\n-----END PRIVATE KEY-----\n`,
    publicJwk: { kty: "RSA", alg: "RS256", use: "sig", kid, n: randomBytes(32).toString("base64url"), e: "AQAB" },
    createdAt,
  };
}
