import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StorageConflictError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.replicas on every backend. */
export function replicasContract(name: string, open: OpenStore): void {
  describe(`ReplicaStore contract: ${name}`, () => {
    test("one replica per region, listed in creation order by page, status set, removed alone or with the pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const other = await createPool(store);
        const createdAt = new Date("2024-07-01T10:00:00.000Z");
        const west = { poolId, region: "eu-west-1", status: "ACTIVE" as const, tags: { team: "a" }, createdAt };
        await store.replicas.create(west);
        await store.replicas.create({ ...west, region: "ap-south-1", tags: {} });
        await store.replicas.create({ ...west, poolId: other });
        await assert.rejects(store.replicas.create({ ...west, tags: {} }), StorageConflictError);
        assert.deepEqual(await store.replicas.get(poolId, "eu-west-1"), west);
        assert.equal(await store.replicas.get(poolId, "us-west-2"), undefined);

        const first = await store.replicas.list(poolId, { limit: 1 });
        assert.deepEqual(first.items.map((replica) => replica.region), ["eu-west-1"]);
        const second = await store.replicas.list(poolId, { limit: 1, after: first.nextAfter! });
        assert.deepEqual(second.items.map((replica) => replica.region), ["ap-south-1"]);
        assert.equal(second.nextAfter, undefined);

        assert.equal(await store.replicas.setStatus(poolId, "eu-west-1", "INACTIVE"), true);
        assert.equal((await store.replicas.get(poolId, "eu-west-1"))?.status, "INACTIVE");
        assert.equal((await store.replicas.get(other, "eu-west-1"))?.status, "ACTIVE");
        assert.equal(await store.replicas.setStatus(poolId, "us-west-2", "INACTIVE"), false);

        assert.equal(await store.replicas.delete(poolId, "eu-west-1"), true);
        assert.equal(await store.replicas.delete(poolId, "eu-west-1"), false);
        await store.pools.delete(poolId);
        assert.deepEqual((await store.replicas.list(poolId, { limit: 10 })).items, []);
        assert.equal((await store.replicas.list(other, { limit: 10 })).items.length, 1);
      }));
  });
}
