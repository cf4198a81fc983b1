import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { OutboxMessage } from "../../domain/messages/types.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.outbox on every backend. */
export function outboxContract(name: string, open: OpenStore): void {
  describe(`OutboxStore contract: ${name}`, () => {
    test("messages read back with every field unchanged, nulls included", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const email = sampleMessage(poolId, "ana", {
          channel: "EMAIL",
          destination: "ana@example.com",
          subject: "Your temporary password ✓",
          body: "Your username is ana and temporary password is Tmp!1234.\n<b>ünïcödé</b>",
          code: "Tmp!1234",
          kind: "invitation",
          createdAt: new Date("2024-09-01T00:00:00.123Z"),
        });
        const sms = sampleMessage(poolId, "ana", { channel: "SMS", destination: "+15550100", subject: null, code: null, kind: "resend" });
        await store.outbox.add(email);
        await store.outbox.add(sms);
        assert.deepEqual(await store.outbox.list({ poolId, limit: 10 }), [email, sms]);
      }));

    test("messages list oldest first and stop at the limit", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        // The same timestamp for all: the order is the order they were added.
        const messages = [1, 2, 3, 4].map((n) => sampleMessage(poolId, `user${n}`));
        for (const message of messages) await store.outbox.add(message);
        assert.deepEqual(await store.outbox.list({ poolId, limit: 3 }), messages.slice(0, 3));
        assert.deepEqual(await store.outbox.list({ poolId, limit: 10 }), messages);
      }));

    test("newest first gives the latest messages up to the limit", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const messages = [1, 2, 3, 4].map((n) => sampleMessage(poolId, `user${n}`));
        for (const message of messages) await store.outbox.add(message);
        assert.deepEqual(await store.outbox.list({ poolId, limit: 3, newestFirst: true }), messages.slice(1).reverse());
      }));

    test("messages filter by pool, by username, or by both", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPoolId = await createPool(store);
        const username = `user-${randomBytes(5).toString("hex")}`;
        const mine = sampleMessage(poolId, username);
        const someoneElse = sampleMessage(poolId, `${username}-other`);
        const sameNameElsewhere = sampleMessage(otherPoolId, username);
        for (const message of [mine, someoneElse, sameNameElsewhere]) await store.outbox.add(message);
        assert.deepEqual(await store.outbox.list({ poolId, username, limit: 10 }), [mine]);
        assert.deepEqual(await store.outbox.list({ poolId, limit: 10 }), [mine, someoneElse]);
        assert.deepEqual(await store.outbox.list({ username, limit: 10 }), [mine, sameNameElsewhere]);
        const all = await store.outbox.list({ limit: 100_000 });
        assert.deepEqual(
          all.filter((message) => message.poolId === poolId || message.poolId === otherPoolId),
          [mine, someoneElse, sameNameElsewhere],
        );
      }));

    test("messages created before a moment are deleted in batches of at most the limit; later ones stay", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        // Before any other contract's messages: the store may be shared with them (PostgreSQL).
        const cutoff = new Date("1970-01-02T00:00:00.000Z");
        const old = [1, 2, 3].map((n) => sampleMessage(poolId, `old${n}`, { createdAt: new Date(cutoff.getTime() - n * 1000) }));
        const atCutoff = sampleMessage(poolId, "at-cutoff", { createdAt: cutoff });
        const recent = sampleMessage(poolId, "recent", { createdAt: new Date(cutoff.getTime() + 1000) });
        for (const message of [...old, atCutoff, recent]) await store.outbox.add(message);
        assert.equal(await store.outbox.deleteBefore(cutoff, 2), 2);
        assert.equal(await store.outbox.deleteBefore(cutoff, 2), 1);
        assert.equal(await store.outbox.deleteBefore(cutoff, 2), 0);
        assert.deepEqual(await store.outbox.list({ poolId, limit: 10 }), [atCutoff, recent]);
      }));
  });
}

function sampleMessage(poolId: string, username: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: randomUUID(),
    poolId,
    username,
    channel: "EMAIL",
    destination: `${username}@example.com`,
    subject: "Your verification code",
    body: "Your verification code is 123456.",
    code: "123456",
    kind: "signup",
    createdAt: new Date("2024-09-01T00:00:00.000Z"),
    ...overrides,
  };
}
