import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { ManagedLoginBrandingRecord, UiCustomizationRecord } from "../../domain/branding/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.branding on every backend. */
export function brandingContract(name: string, open: OpenStore): void {
  describe(`BrandingStore contract: ${name}`, () => {
    test("a UI customization reads back unchanged by pool and client, and a second put replaces it", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const at = new Date("2024-07-01T00:00:00.001Z");
        const pool: UiCustomizationRecord = {
          poolId,
          clientId: "ALL",
          css: ".banner-customizable { background-color: #123456; }",
          image: { bytes: randomBytes(300), contentType: "image/png" },
          cssVersion: "1",
          createdAt: at,
          lastModifiedAt: at,
        };
        await store.branding.putUiCustomization(pool);
        assert.deepEqual(await store.branding.getUiCustomization(poolId, "ALL"), pool);
        assert.equal(await store.branding.getUiCustomization(poolId, "someclient"), undefined);
        assert.equal(await store.branding.getUiCustomization(await createPool(store), "ALL"), undefined);
        const later = new Date("2024-08-01T00:00:00.002Z");
        const replaced: UiCustomizationRecord = { poolId, clientId: "ALL", cssVersion: "2", createdAt: at, lastModifiedAt: later };
        await store.branding.putUiCustomization(replaced);
        assert.deepEqual(await store.branding.getUiCustomization(poolId, "ALL"), replaced);
      }));

    test("a managed login style reads back by id and by client; one per client; update and delete are false when absent", () =>
      withStore(open, async (store) => {
        const branding = await sampleBranding(store);
        await store.branding.createManagedLogin(branding);
        assert.deepEqual(await store.branding.getManagedLogin(branding.poolId, branding.brandingId), branding);
        assert.deepEqual(await store.branding.getManagedLoginForClient(branding.poolId, branding.clientId), branding);
        await assert.rejects(store.branding.createManagedLogin({ ...branding, brandingId: randomUUID() }), StorageConflictError);
        const changed: ManagedLoginBrandingRecord = {
          ...branding,
          useCognitoProvidedValues: true,
          assets: [],
          lastModifiedAt: new Date("2024-09-01T00:00:00.003Z"),
        };
        delete changed.settings;
        assert.equal(await store.branding.updateManagedLogin(changed), true);
        assert.deepEqual(await store.branding.getManagedLogin(branding.poolId, branding.brandingId), changed);
        assert.equal(await store.branding.updateManagedLogin({ ...changed, brandingId: randomUUID() }), false);
        assert.equal(await store.branding.getManagedLogin(await createPool(store), branding.brandingId), undefined);
        assert.equal(await store.branding.deleteManagedLogin(branding.poolId, branding.brandingId), true);
        assert.equal(await store.branding.deleteManagedLogin(branding.poolId, branding.brandingId), false);
        assert.equal(await store.branding.getManagedLoginForClient(branding.poolId, branding.clientId), undefined);
      }));

    test("deleting the client removes its style; deleting the pool removes its customizations", () =>
      withStore(open, async (store) => {
        const branding = await sampleBranding(store);
        await store.branding.createManagedLogin(branding);
        await store.clients.delete(branding.poolId, branding.clientId);
        assert.equal(await store.branding.getManagedLogin(branding.poolId, branding.brandingId), undefined);
        const at = new Date("2024-07-01T00:00:00.001Z");
        await store.branding.putUiCustomization({ poolId: branding.poolId, clientId: "ALL", cssVersion: "1", createdAt: at, lastModifiedAt: at });
        await store.pools.delete(branding.poolId);
        assert.equal(await store.branding.getUiCustomization(branding.poolId, "ALL"), undefined);
      }));
  });
}

async function sampleBranding(store: Store): Promise<ManagedLoginBrandingRecord> {
  const poolId = await createPool(store);
  const clientId = randomBytes(13).toString("hex");
  const at = new Date("2024-07-01T00:00:00.001Z");
  await store.clients.create({ poolId, clientId, name: "app", secrets: [], createdAt: at, lastModifiedAt: at, config: {} });
  return {
    brandingId: randomUUID(),
    poolId,
    clientId,
    useCognitoProvidedValues: false,
    settings: { components: { primaryButton: { lightMode: { defaults: { backgroundColor: "0972d3ff" } } } } },
    assets: [{ category: "PAGE_HEADER_LOGO", colorMode: "LIGHT", extension: "PNG", bytes: randomBytes(40).toString("base64") }],
    createdAt: at,
    lastModifiedAt: at,
  };
}
