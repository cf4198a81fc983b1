import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { IdentityProviderRecord } from "../../domain/identityProviders/types.js";
import { StorageConflictError, StorageInvalidCursorError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.identityProviders on every backend. */
export function identityProvidersContract(name: string, open: OpenStore): void {
  describe(`IdentityProviderStore contract: ${name}`, () => {
    test("a provider reads back whole, its secret details included; names compare exactly and stay in their pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const provider = sampleProvider(poolId);
        await store.identityProviders.create(provider);
        assert.deepEqual(await store.identityProviders.get(poolId, provider.name), provider);
        assert.equal(await store.identityProviders.get(poolId, provider.name.toLowerCase()), undefined);
        assert.equal(await store.identityProviders.get(await createPool(store), provider.name), undefined);
      }));

    test("a name the pool has throws StorageConflictError; another pool may use it", () =>
      withStore(open, async (store) => {
        const provider = sampleProvider(await createPool(store));
        await store.identityProviders.create(provider);
        await assert.rejects(store.identityProviders.create({ ...provider, idpIdentifiers: [] }), StorageConflictError);
        assert.deepEqual(await store.identityProviders.get(provider.poolId, provider.name), provider);
        const elsewhere = { ...provider, poolId: await createPool(store) };
        await store.identityProviders.create(elsewhere);
        assert.deepEqual(await store.identityProviders.get(elsewhere.poolId, provider.name), elsewhere);
      }));

    test("update replaces details, mapping, identifiers and modification date but not the creation date; missing rows return false", () =>
      withStore(open, async (store) => {
        const provider = sampleProvider(await createPool(store));
        await store.identityProviders.create(provider);
        const changed: IdentityProviderRecord = {
          ...provider,
          details: { authorize_scopes: "openid", client_id: "other" },
          attributeMapping: {},
          idpIdentifiers: [],
          createdAt: new Date(0),
          lastModifiedAt: new Date(provider.lastModifiedAt.getTime() + 1000),
        };
        assert.equal(await store.identityProviders.update(changed), true);
        assert.deepEqual(await store.identityProviders.get(provider.poolId, provider.name), { ...changed, createdAt: provider.createdAt });
        assert.equal(await store.identityProviders.delete(provider.poolId, provider.name), true);
        assert.equal(await store.identityProviders.update(changed), false);
        assert.equal(await store.identityProviders.delete(provider.poolId, provider.name), false);
      }));

    test("list pages in creation order, all returns every provider, and deleting the pool removes them", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const providers = ["Zeta", "Alpha", "Mid"].map((name) => sampleProvider(poolId, name));
        for (const provider of providers) await store.identityProviders.create(provider);
        const first = await store.identityProviders.list(poolId, { limit: 2 });
        assert.deepEqual(first.items, providers.slice(0, 2));
        assert.ok(first.nextAfter);
        const second = await store.identityProviders.list(poolId, { limit: 2, after: first.nextAfter });
        assert.deepEqual(second.items, providers.slice(2));
        assert.equal(second.nextAfter, undefined);
        await assert.rejects(store.identityProviders.list(poolId, { limit: 2, after: "not-a-cursor" }), StorageInvalidCursorError);
        assert.deepEqual(await store.identityProviders.all(poolId), providers);
        assert.equal(await store.pools.delete(poolId), true);
        assert.deepEqual(await store.identityProviders.all(poolId), []);
      }));
  });
}

function sampleProvider(poolId: string, name = "CorpIdP"): IdentityProviderRecord {
  return {
    poolId,
    name,
    type: "OIDC",
    details: {
      attributes_request_method: "GET",
      authorize_scopes: "openid email",
      client_id: "cognate",
      client_secret: "s3cret \"quoted\" ünïcode",
      oidc_issuer: "https://idp.example.com",
    },
    attributeMapping: { email: "email", username: "sub" },
    idpIdentifiers: ["corp.example.com", "corp"],
    createdAt: new Date(1_700_000_000_123),
    lastModifiedAt: new Date(1_700_000_000_456),
  };
}
