import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.logDelivery on every backend. */
export function logDeliveryContract(name: string, open: OpenStore): void {
  describe(`LogDeliveryStore contract: ${name}`, () => {
    test("a pool's log configurations read back as last put, per pool, and go with the pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const other = await createPool(store);
        assert.equal(await store.logDelivery.get(poolId), undefined);
        const first = [{ EventSource: "userNotification" as const, LogLevel: "ERROR" as const, CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:us-east-1:000000000000:log-group:a" } }];
        await store.logDelivery.put(poolId, first);
        await store.logDelivery.put(other, []);
        assert.deepEqual(await store.logDelivery.get(poolId), first);
        await store.logDelivery.put(poolId, []);
        assert.deepEqual(await store.logDelivery.get(poolId), []);
        await store.logDelivery.put(poolId, first);
        await store.pools.delete(poolId);
        assert.equal(await store.logDelivery.get(poolId), undefined);
        assert.deepEqual(await store.logDelivery.get(other), []);
      }));
  });
}
