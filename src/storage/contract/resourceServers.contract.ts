import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StorageConflictError, StorageInvalidCursorError } from "../../domain/ports/errors.js";
import type { ResourceServerRecord } from "../../domain/resourceServers/types.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.resourceServers on every backend. */
export function resourceServersContract(name: string, open: OpenStore): void {
  describe(`ResourceServerStore contract: ${name}`, () => {
    test("a resource server reads back with its scopes in order; identifiers compare exactly and stay in their pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const server = sampleServer(poolId);
        await store.resourceServers.create(server);
        assert.deepEqual(await store.resourceServers.get(poolId, server.identifier), server);
        assert.equal(await store.resourceServers.get(poolId, server.identifier.toUpperCase()), undefined);
        assert.equal(await store.resourceServers.get(await createPool(store), server.identifier), undefined);
      }));

    test("an identifier the pool has throws StorageConflictError; another pool may use it", () =>
      withStore(open, async (store) => {
        const server = sampleServer(await createPool(store));
        await store.resourceServers.create(server);
        await assert.rejects(store.resourceServers.create({ ...server, name: "second" }), StorageConflictError);
        assert.deepEqual(await store.resourceServers.get(server.poolId, server.identifier), server);
        const elsewhere = { ...server, poolId: await createPool(store) };
        await store.resourceServers.create(elsewhere);
        assert.deepEqual(await store.resourceServers.get(elsewhere.poolId, server.identifier), elsewhere);
      }));

    test("update replaces name and scopes; update and delete of a missing server return false", () =>
      withStore(open, async (store) => {
        const server = sampleServer(await createPool(store));
        await store.resourceServers.create(server);
        const changed = { ...server, name: "renamed", scopes: [] };
        assert.equal(await store.resourceServers.update(changed), true);
        assert.deepEqual(await store.resourceServers.get(server.poolId, server.identifier), changed);
        assert.equal(await store.resourceServers.delete(server.poolId, server.identifier), true);
        assert.equal(await store.resourceServers.update(changed), false);
        assert.equal(await store.resourceServers.delete(server.poolId, server.identifier), false);
      }));

    test("list pages in creation order, all returns every server, and deleting the pool removes them", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const servers = ["c", "a", "b"].map((identifier) => sampleServer(poolId, identifier));
        for (const server of servers) await store.resourceServers.create(server);
        const first = await store.resourceServers.list(poolId, { limit: 2 });
        assert.deepEqual(first.items, servers.slice(0, 2));
        assert.ok(first.nextAfter);
        const second = await store.resourceServers.list(poolId, { limit: 2, after: first.nextAfter });
        assert.deepEqual(second.items, servers.slice(2));
        assert.equal(second.nextAfter, undefined);
        await assert.rejects(store.resourceServers.list(poolId, { limit: 2, after: "not-a-cursor" }), StorageInvalidCursorError);
        assert.deepEqual(await store.resourceServers.all(poolId), servers);
        assert.equal(await store.pools.delete(poolId), true);
        assert.deepEqual(await store.resourceServers.all(poolId), []);
      }));
  });
}

function sampleServer(poolId: string, identifier = "https://orders.example.com"): ResourceServerRecord {
  return {
    poolId,
    identifier,
    name: `server ${identifier}`,
    scopes: [
      { name: "write", description: "Place orders" },
      { name: "read", description: "Read orders, \"quoted\" and ünïcode" },
    ],
  };
}
