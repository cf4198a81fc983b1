import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { DeviceRecord } from "../../domain/devices/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { UserRecord } from "../../domain/users/types.js";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.devices on every backend. */
export function devicesContract(name: string, open: OpenStore): void {
  describe(`DeviceStore contract: ${name}`, () => {
    test("a device reads back unchanged, only within its pool; a second of the same key in the pool is a conflict", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const device = sampleDevice(user);
        await store.devices.create(device);
        assert.deepEqual(await store.devices.get(user.poolId, device.deviceKey), device);
        assert.equal(await store.devices.get(await createPool(store), device.deviceKey), undefined);
        await assert.rejects(store.devices.create({ ...device }), StorageConflictError);
      }));

    test("update replaces the confirmation, status, name and dates, and keeps the creation date", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const device = sampleDevice(user);
        await store.devices.create(device);
        const confirmed: DeviceRecord = {
          ...device,
          secret: { salt: "ab12", verifier: "cd34" },
          rememberedStatus: "remembered",
          name: "Ana's laptop",
          lastIp: "192.0.2.1",
          lastModifiedAt: new Date("2024-06-02T10:00:00.002Z"),
          lastAuthenticatedAt: new Date("2024-06-02T10:00:00.003Z"),
        };
        assert.equal(await store.devices.update({ ...confirmed, createdAt: new Date(0) }), true);
        assert.deepEqual(await store.devices.get(user.poolId, device.deviceKey), confirmed);
        assert.equal(await store.devices.update({ ...confirmed, deviceKey: `eu-west-1_${randomUUID()}` }), false);
      }));

    test("listForUser pages the user's devices in creation order; delete removes only the owner's; the user's deletion removes theirs", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store, user.poolId, "other");
        const devices = [sampleDevice(user), sampleDevice(user), sampleDevice(user)];
        for (const device of devices) await store.devices.create(device);
        const theirs = sampleDevice(other);
        await store.devices.create(theirs);
        const first = await store.devices.listForUser(user.poolId, user.sub, { limit: 2 });
        assert.deepEqual(first.items, devices.slice(0, 2));
        assert.deepEqual(await store.devices.listForUser(user.poolId, user.sub, { limit: 2, after: first.nextAfter! }), { items: devices.slice(2) });
        assert.equal(await store.devices.delete(user.poolId, user.sub, theirs.deviceKey), false);
        assert.equal(await store.devices.delete(user.poolId, user.sub, devices[0]!.deviceKey), true);
        assert.equal(await store.devices.get(user.poolId, devices[0]!.deviceKey), undefined);
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.deepEqual(await store.devices.listForUser(user.poolId, user.sub, { limit: 10 }), { items: [] });
        assert.deepEqual(await store.devices.get(user.poolId, theirs.deviceKey), theirs);
      }));
  });
}

function sampleDevice(user: UserRecord): DeviceRecord {
  return {
    poolId: user.poolId,
    userSub: user.sub,
    deviceKey: `eu-west-1_${randomUUID()}`,
    deviceGroupKey: "-AbCdEfGh",
    createdAt: new Date("2024-06-01T10:00:00.001Z"),
    lastModifiedAt: new Date("2024-06-01T10:00:00.001Z"),
    lastAuthenticatedAt: new Date("2024-06-01T10:00:00.001Z"),
  };
}
