import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { TermsRecord } from "../../domain/terms/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.terms on every backend. */
export function termsContract(name: string, open: OpenStore): void {
  describe(`TermsStore contract: ${name}`, () => {
    test("created terms read back unchanged, only within their pool", () =>
      withStore(open, async (store) => {
        const terms = await sampleTerms(store);
        await store.terms.create(terms);
        assert.deepEqual(await store.terms.get(terms.poolId, terms.termsId), terms);
        assert.equal(await store.terms.get(await createPool(store), terms.termsId), undefined);
      }));

    test("a client has one document of each name: a second, by create or by renaming, is a conflict", () =>
      withStore(open, async (store) => {
        const terms = await sampleTerms(store);
        await store.terms.create(terms);
        await assert.rejects(store.terms.create({ ...terms, termsId: randomUUID() }), StorageConflictError);
        const privacy = { ...terms, termsId: randomUUID(), name: "privacy-policy" };
        await store.terms.create(privacy);
        await assert.rejects(store.terms.update({ ...privacy, name: "terms-of-use" }), StorageConflictError);
        assert.deepEqual(await store.terms.get(privacy.poolId, privacy.termsId), privacy);
      }));

    test("update replaces the mutable fields, keeps the creation date; update and delete are false when absent", () =>
      withStore(open, async (store) => {
        const terms = await sampleTerms(store);
        await store.terms.create(terms);
        const changed: TermsRecord = {
          ...terms,
          links: { "cognito:default": "https://example.com/v2", "cognito:german": "https://example.com/de" },
          lastModifiedAt: new Date("2024-08-01T00:00:00.002Z"),
        };
        assert.equal(await store.terms.update({ ...changed, createdAt: new Date(0) }), true);
        assert.deepEqual(await store.terms.get(terms.poolId, terms.termsId), changed);
        assert.equal(await store.terms.update({ ...changed, termsId: randomUUID() }), false);
        assert.equal(await store.terms.delete(terms.poolId, randomUUID()), false);
        assert.equal(await store.terms.delete(terms.poolId, terms.termsId), true);
        assert.equal(await store.terms.get(terms.poolId, terms.termsId), undefined);
      }));

    test("list pages a pool's terms in creation order; deleting the client or pool removes them", () =>
      withStore(open, async (store) => {
        const first = await sampleTerms(store);
        const second = { ...first, termsId: randomUUID(), name: "privacy-policy" };
        const third = await sampleTerms(store, first.poolId);
        for (const terms of [first, second, third]) await store.terms.create(terms);
        const page = await store.terms.list(first.poolId, { limit: 2 });
        assert.deepEqual(page.items, [first, second]);
        assert.ok(page.nextAfter !== undefined);
        const rest = await store.terms.list(first.poolId, { limit: 2, after: page.nextAfter });
        assert.deepEqual(rest.items, [third]);
        assert.equal(rest.nextAfter, undefined);
        await store.clients.delete(first.poolId, first.clientId);
        assert.deepEqual((await store.terms.list(first.poolId, { limit: 10 })).items, [third]);
        await store.pools.delete(first.poolId);
        assert.equal(await store.terms.get(third.poolId, third.termsId), undefined);
      }));
  });
}

async function sampleTerms(store: Store, poolId?: string): Promise<TermsRecord> {
  const pool = poolId ?? (await createPool(store));
  const clientId = randomBytes(13).toString("hex");
  const at = new Date("2024-07-01T00:00:00.001Z");
  await store.clients.create({ poolId: pool, clientId, name: "app", secrets: [], createdAt: at, lastModifiedAt: at, config: {} });
  return {
    termsId: randomUUID(),
    poolId: pool,
    clientId,
    name: "terms-of-use",
    source: "LINK",
    enforcement: "NONE",
    links: { "cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/términos" },
    createdAt: at,
    lastModifiedAt: at,
  };
}
