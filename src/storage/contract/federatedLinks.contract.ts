import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FederatedLinkRecord } from "../../domain/federation/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { UserRecord } from "../../domain/users/types.js";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.federatedLinks on every backend. */
export function federatedLinksContract(name: string, open: OpenStore): void {
  describe(`FederatedLinkStore contract: ${name}`, () => {
    test("a link reads back unchanged by its identity, only within its pool; the identity linked again is a conflict", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const link = sampleLink(user, "Google", "1234");
        await store.federatedLinks.create(link);
        assert.deepEqual(await store.federatedLinks.find(user.poolId, "Google", "Cognito_Subject", "1234"), link);
        assert.equal(await store.federatedLinks.find(user.poolId, "google", "Cognito_Subject", "1234"), undefined);
        assert.equal(await store.federatedLinks.find(user.poolId, "Google", "Cognito_Subject", "12345"), undefined);
        assert.equal(await store.federatedLinks.find(await createPool(store), "Google", "Cognito_Subject", "1234"), undefined);
        const other = await createUser(store, user.poolId, "other");
        await assert.rejects(store.federatedLinks.create(sampleLink(other, "Google", "1234")), StorageConflictError);
        await store.federatedLinks.create(sampleLink(other, "Facebook", "1234"));
      }));

    test("listForUser gives the user's links in creation order; delete returns the removed link once", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store, user.poolId, "other");
        const links = [sampleLink(user, "Google", "a"), sampleLink(user, "Facebook", "b"), sampleLink(user, "Corp", "c", "email")];
        for (const link of links) await store.federatedLinks.create(link);
        await store.federatedLinks.create(sampleLink(other, "Google", "z"));
        assert.deepEqual(await store.federatedLinks.listForUser(user.poolId, user.sub), links);
        assert.deepEqual(await store.federatedLinks.delete(user.poolId, "Facebook", "Cognito_Subject", "b"), links[1]);
        assert.equal(await store.federatedLinks.delete(user.poolId, "Facebook", "Cognito_Subject", "b"), undefined);
        assert.deepEqual(await store.federatedLinks.listForUser(user.poolId, user.sub), [links[0], links[2]]);
      }));

    test("deleting the user or the pool removes its links", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store, user.poolId, "other");
        await store.federatedLinks.create(sampleLink(user, "Google", "a"));
        await store.federatedLinks.create(sampleLink(other, "Google", "b"));
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.equal(await store.federatedLinks.find(user.poolId, "Google", "Cognito_Subject", "a"), undefined);
        assert.equal(await store.pools.delete(user.poolId), true);
        assert.equal(await store.federatedLinks.find(user.poolId, "Google", "Cognito_Subject", "b"), undefined);
      }));
  });
}

function sampleLink(user: UserRecord, providerName: string, attributeValue: string, attributeName = "Cognito_Subject"): FederatedLinkRecord {
  return { poolId: user.poolId, providerName, attributeName, attributeValue, userSub: user.sub, createdAt: new Date("2024-06-01T10:00:00.001Z") };
}
