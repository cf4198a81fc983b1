import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createPool } from "../../storage/contract/fixtures.js";
import { openStore } from "../../storage/open.js";
import type { Store } from "../ports/store.js";
import { newSigningKey } from "./keys.js";
import { activeSigningKey, publishedKeys } from "./signingKeys.js";

const now = new Date("2024-07-01T12:00:00Z");
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe("signing keys", () => {
  let store: Store;
  before(async () => {
    store = await openStore("sqlite::memory:");
  });
  after(() => store.close());

  test("a pool's key is created on first need and the same key is returned afterwards", async () => {
    const poolId = await createPool(store);
    const first = await activeSigningKey({ store }, poolId, "id", now);
    const again = await activeSigningKey({ store }, poolId, "id", hoursLater(1));
    assert.equal(again.kid, first.kid);
    assert.equal((await store.keys.list(poolId)).length, 1);
  });

  test("ID and access tokens get different keys", async () => {
    const poolId = await createPool(store);
    const idKey = await activeSigningKey({ store }, poolId, "id", now);
    const accessKey = await activeSigningKey({ store }, poolId, "access", now);
    assert.notEqual(idKey.kid, accessKey.kid);
    assert.equal(idKey.use, "id");
    assert.equal(accessKey.use, "access");
  });

  test("callers racing for a pool's first key all get the one key the store kept", async () => {
    const poolId = await createPool(store);
    const keys = await Promise.all([1, 2, 3, 4].map(() => activeSigningKey({ store }, poolId, "access", now)));
    assert.equal(new Set(keys.map((key) => key.kid)).size, 1);
    assert.equal((await store.keys.list(poolId)).filter((key) => key.use === "access").length, 1);
  });

  test("concurrent first callers on one instance share one key generation (RSA keys are slow to make)", async () => {
    const poolId = await createPool(store);
    let offered = 0;
    const counting: Store = Object.create(store, {
      keys: {
        value: {
          list: (id: string) => store.keys.list(id),
          addIfNoActive: (key: Parameters<Store["keys"]["addIfNoActive"]>[0]) => {
            offered++;
            return store.keys.addIfNoActive(key);
          },
          retire: store.keys.retire.bind(store.keys),
        },
      },
    });
    await Promise.all(Array.from({ length: 8 }, () => activeSigningKey({ store: counting }, poolId, "id", now)));
    assert.equal(offered, 1);
  });

  test("each pool has keys of its own", async () => {
    const [a, b] = [await createPool(store), await createPool(store)];
    assert.notEqual((await activeSigningKey({ store }, a, "id", now)).kid, (await activeSigningKey({ store }, b, "id", now)).kid);
  });

  test("the JWKS of a pool without keys yet holds a new ID key and a new access key", async () => {
    const poolId = await createPool(store);
    const keys = await publishedKeys({ store }, poolId, now);
    assert.equal(keys.length, 2);
    const idKey = await activeSigningKey({ store }, poolId, "id", now);
    const accessKey = await activeSigningKey({ store }, poolId, "access", now);
    assert.deepEqual(new Set(keys.map((key) => key.kid)), new Set([idKey.kid, accessKey.kid]));
    for (const key of keys) {
      assert.deepEqual(Object.keys(key).sort(), ["alg", "e", "kid", "kty", "n", "use"]);
      assert.equal(key.use, "sig");
      assert.equal(key.alg, "RS256");
      assert.equal(key.kty, "RSA");
    }
  });

  test("a retired key stays published for a day, while tokens it signed may still be valid, then leaves", async () => {
    const poolId = await createPool(store);
    const retired = await activeSigningKey({ store }, poolId, "id", now);
    await store.keys.retire(poolId, "id", now);
    await store.keys.addIfNoActive(await newSigningKey(poolId, "id", now));
    const successor = await activeSigningKey({ store }, poolId, "id", now);
    assert.notEqual(successor.kid, retired.kid, "the retired key no longer signs");

    const kids = async (at: Date) => (await publishedKeys({ store }, poolId, at)).map((key) => key.kid);
    assert.ok((await kids(hoursLater(23))).includes(retired.kid));
    assert.ok(!(await kids(hoursLater(24))).includes(retired.kid));
    assert.ok((await kids(hoursLater(24))).includes(successor.kid));
  });
});
