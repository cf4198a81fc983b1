import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.riskConfigurations on every backend. */
export function riskConfigurationsContract(name: string, open: OpenStore): void {
  describe(`RiskConfigurationStore contract: ${name}`, () => {
    test("the pool's and each client's configurations are kept apart, replaced, reset and go with the pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const other = await createPool(store);
        const at = new Date("2024-07-01T10:00:00.000Z");
        assert.equal(await store.riskConfigurations.get(poolId, undefined), undefined);
        const blocking = { CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "BLOCK" as const } } };
        const skipping = { RiskExceptionConfiguration: { SkippedIPRangeList: ["10.0.0.0/8"] } };
        await store.riskConfigurations.put({ poolId, settings: blocking, lastModifiedAt: at });
        await store.riskConfigurations.put({ poolId, clientId: "client1", settings: skipping, lastModifiedAt: at });
        await store.riskConfigurations.put({ poolId: other, settings: skipping, lastModifiedAt: at });
        assert.deepEqual(await store.riskConfigurations.get(poolId, undefined), { poolId, settings: blocking, lastModifiedAt: at });
        assert.deepEqual(await store.riskConfigurations.get(poolId, "client1"), { poolId, clientId: "client1", settings: skipping, lastModifiedAt: at });
        assert.equal(await store.riskConfigurations.get(poolId, "client2"), undefined);

        const later = new Date("2024-07-02T10:00:00.000Z");
        await store.riskConfigurations.put({ poolId, settings: skipping, lastModifiedAt: later });
        assert.deepEqual(await store.riskConfigurations.get(poolId, undefined), { poolId, settings: skipping, lastModifiedAt: later });

        assert.equal(await store.riskConfigurations.delete(poolId, "client1"), true);
        assert.equal(await store.riskConfigurations.delete(poolId, "client1"), false);
        assert.notEqual(await store.riskConfigurations.get(poolId, undefined), undefined);
        await store.pools.delete(poolId);
        assert.equal(await store.riskConfigurations.get(poolId, undefined), undefined);
        assert.notEqual(await store.riskConfigurations.get(other, undefined), undefined);
      }));
  });
}
