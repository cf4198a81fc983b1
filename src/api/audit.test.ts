import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { STORE_METHOD_ACCESS, type Store } from "../domain/ports/store.js";
import { cryptoRandom } from "../domain/random.js";
import { openSqliteStore } from "../storage/sqlite/index.js";
import { AuditTrail, auditedStore } from "./audit.js";

describe("the audited store", () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore(":memory:");
  });
  after(() => store.close());

  const trail = () =>
    new AuditTrail(cryptoRandom, { time: new Date(), requestId: "r-1", actor: "local", operation: "ListUsers" });

  test("every classified method exists on the store: the table names no stale method", () => {
    for (const [subStore, methods] of Object.entries(STORE_METHOD_ACCESS)) {
      for (const method of Object.keys(methods)) {
        assert.equal(typeof (store as unknown as Record<string, Record<string, unknown>>)[subStore]![method], "function", `${subStore}.${method}`);
      }
    }
  });

  test("a read passes straight through and records nothing; a write records the request's event with it", async () => {
    const audit = trail();
    const audited = auditedStore(store, audit);
    assert.equal(await audited.settings.clockOffsetSeconds(), 0);
    assert.equal(audit.hasRecorded, false);
    await audited.settings.advanceClock(1);
    assert.equal(audit.hasRecorded, true);
    assert.equal((await store.audit.list({ limit: 10 })).items.length, 1);
  });

  test("a method missing from STORE_METHOD_ACCESS is refused, never silently taken for a read or a write", () => {
    const withExtra = Object.create(store) as Store;
    Object.defineProperty(withExtra, "outbox", { value: { purge: async () => {} }, configurable: true });
    const audited = auditedStore(withExtra, trail()) as unknown as { outbox: Record<string, unknown> };
    assert.throws(() => audited.outbox.purge, /store method outbox\.purge is not classified in STORE_METHOD_ACCESS/);
  });
});
