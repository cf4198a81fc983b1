import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { AuditEvent, AuditQuery } from "../../domain/audit/types.js";
import { StorageInvalidCursorError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.audit on every backend. Each test names pools of its own: the database is shared. */
export function auditContract(name: string, open: OpenStore): void {
  describe(`AuditStore contract: ${name}`, () => {
    test("an event reads back with every field unchanged, optional fields absent when not given", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const full = sampleEvent(poolId, {
          time: new Date("2024-09-01T00:00:00.123Z"),
          requestId: "req-full",
          actor: "arn:aws:iam::123456789012:user/admin",
          sourceIp: "2001:db8::1",
          operation: "AdminSetUserPassword",
          username: "ana ünïcödé",
          outcome: "failure",
          errorType: "InvalidPasswordException",
          details: { permanent: true, attempts: 3, note: "policy ✓" },
        });
        const bare: AuditEvent = {
          id: randomUUID(),
          time: new Date("2024-09-01T00:00:01.000Z"),
          requestId: "req-bare",
          actor: "local",
          operation: "ListUserPools",
          outcome: "success",
        };
        await store.audit.append(full);
        await store.audit.append({ ...bare, poolId });
        assert.deepEqual(await store.audit.list({ poolId, limit: 10 }), { items: [full, { ...bare, poolId }] });
        const unscoped = await store.audit.list({ operation: "ListUserPools", limit: 100_000 });
        assert.deepEqual(
          unscoped.items.filter((event) => event.id === bare.id),
          [{ ...bare, poolId }],
        );
      }));

    test("events list in the order they were appended, not by their time", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const events = [4, 3, 2, 1].map((minute) => sampleEvent(poolId, { time: minutesAfterT0(minute) }));
        for (const event of events) await store.audit.append(event);
        assert.deepEqual((await store.audit.list({ poolId, limit: 10 })).items, events);
      }));

    test("pages stop at the limit and the cursor continues where the last page ended", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const events = [1, 2, 3, 4, 5].map((n) => sampleEvent(poolId, { requestId: `req-${n}` }));
        for (const event of events) await store.audit.append(event);
        const first = await store.audit.list({ poolId, limit: 2 });
        assert.deepEqual(first.items, events.slice(0, 2));
        assert.notEqual(first.nextAfter, undefined);
        const second = await store.audit.list({ poolId, limit: 2, after: first.nextAfter });
        assert.deepEqual(second.items, events.slice(2, 4));
        const third = await store.audit.list({ poolId, limit: 2, after: second.nextAfter });
        assert.deepEqual(third, { items: events.slice(4) });
      }));

    test("a cursor stays valid while events are appended: later events appear on later pages, none twice", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const early = [1, 2, 3].map(() => sampleEvent(poolId));
        for (const event of early) await store.audit.append(event);
        const first = await store.audit.list({ poolId, limit: 2 });
        const late = [4, 5].map(() => sampleEvent(poolId));
        for (const event of late) await store.audit.append(event);
        const rest = await store.audit.list({ poolId, limit: 10, after: first.nextAfter });
        assert.deepEqual([...first.items, ...rest.items], [...early, ...late]);
        assert.equal(rest.nextAfter, undefined);
      }));

    test("events filter by pool, username, operation and outcome, each alone and together", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const otherPoolId = uniquePoolId();
        const username = `user-${randomBytes(5).toString("hex")}`;
        const operation = `Op${randomBytes(5).toString("hex")}`;
        const mineSucceeded = sampleEvent(poolId, { username, operation, outcome: "success" });
        const mineFailed = sampleEvent(poolId, { username, operation, outcome: "failure", errorType: "NotAuthorizedException" });
        const someoneElse = sampleEvent(poolId, { username: `${username}-other`, operation, outcome: "success" });
        const otherOperation = sampleEvent(poolId, { username, operation: `${operation}Other`, outcome: "success" });
        const sameNameElsewhere = sampleEvent(otherPoolId, { username, operation, outcome: "failure", errorType: "UserNotFoundException" });
        const all = [mineSucceeded, mineFailed, someoneElse, otherOperation, sameNameElsewhere];
        for (const event of all) await store.audit.append(event);

        // Other tests share the database: keep only this test's events.
        const known = new Set(idsOf(...all));
        const ids = async (query: Omit<AuditQuery, "limit">) =>
          (await store.audit.list({ ...query, limit: 100_000 })).items.map((event) => event.id).filter((id) => known.has(id));
        assert.deepEqual(await ids({ poolId }), idsOf(mineSucceeded, mineFailed, someoneElse, otherOperation));
        assert.deepEqual(await ids({ username }), idsOf(mineSucceeded, mineFailed, otherOperation, sameNameElsewhere));
        assert.deepEqual(await ids({ operation }), idsOf(mineSucceeded, mineFailed, someoneElse, sameNameElsewhere));
        assert.deepEqual(await ids({ poolId, outcome: "failure" }), idsOf(mineFailed));
        assert.deepEqual(await ids({ username, outcome: "failure" }), idsOf(mineFailed, sameNameElsewhere));
        assert.deepEqual(await ids({ poolId, username, operation, outcome: "success" }), idsOf(mineSucceeded));
        assert.deepEqual(await ids({ poolId: otherPoolId, username, operation: `${operation}Other` }), []);
      }));

    test("newest first pages backwards with its own cursor, filtered by actor", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const actor = `arn:aws:iam::123456789012:user/console-${randomBytes(4).toString("hex")}`;
        const events = [1, 2, 3, 4, 5].map((n) => sampleEvent(poolId, { requestId: `req-${n}`, actor }));
        const otherActor = sampleEvent(poolId, { actor: `${actor}-other` });
        for (const event of [...events, otherActor]) await store.audit.append(event);
        const first = await store.audit.list({ poolId, actor, limit: 2, newestFirst: true });
        assert.deepEqual(first.items, [events[4], events[3]]);
        const second = await store.audit.list({ poolId, actor, limit: 2, newestFirst: true, after: first.nextAfter });
        assert.deepEqual(second.items, [events[2], events[1]]);
        const third = await store.audit.list({ poolId, actor, limit: 2, newestFirst: true, after: second.nextAfter });
        assert.deepEqual(third, { items: [events[0]] });
        assert.deepEqual((await store.audit.list({ poolId, actor: `${actor}-other`, limit: 10 })).items, [otherActor]);
      }));

    test("since includes events at that instant and until excludes them", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const events = [10, 20, 30, 40].map((minute) => sampleEvent(poolId, { time: minutesAfterT0(minute) }));
        for (const event of events) await store.audit.append(event);
        const between = async (since?: Date, until?: Date) =>
          (await store.audit.list({ poolId, limit: 10, ...(since && { since }), ...(until && { until }) })).items;
        assert.deepEqual(await between(minutesAfterT0(20), minutesAfterT0(40)), events.slice(1, 3));
        assert.deepEqual(await between(minutesAfterT0(20)), events.slice(1));
        assert.deepEqual(await between(undefined, minutesAfterT0(20)), events.slice(0, 1));
        assert.deepEqual(await between(minutesAfterT0(21), minutesAfterT0(30)), []);
      }));

    test("a time-filtered listing pages with the cursor like any other", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        const events = [1, 2, 3, 4, 5, 6].map((minute) => sampleEvent(poolId, { time: minutesAfterT0(minute) }));
        for (const event of events) await store.audit.append(event);
        const query = { poolId, since: minutesAfterT0(2), until: minutesAfterT0(6), limit: 2 };
        const first = await store.audit.list(query);
        const second = await store.audit.list({ ...query, after: first.nextAfter });
        assert.deepEqual(first.items, events.slice(1, 3));
        assert.deepEqual(second, { items: events.slice(3, 5) });
      }));

    test("events outlive the pool they name: deleting the pool keeps its history", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const created = sampleEvent(poolId, { operation: "CreateUserPool" });
        const deleted = sampleEvent(poolId, { operation: "DeleteUserPool" });
        await store.audit.append(created);
        assert.equal(await store.pools.delete(poolId), true);
        await store.audit.append(deleted);
        assert.deepEqual((await store.audit.list({ poolId, limit: 10 })).items, [created, deleted]);
      }));

    test("an event appended inside a rolled-back transaction is not kept", () =>
      withStore(open, async (store) => {
        const poolId = uniquePoolId();
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.audit.append(sampleEvent(poolId));
            throw new Error("roll back");
          }),
          /roll back/,
        );
        assert.deepEqual(await store.audit.list({ poolId, limit: 10 }), { items: [] });
      }));

    test("a cursor the store never returned throws StorageInvalidCursorError", () =>
      withStore(open, async (store) => {
        await assert.rejects(store.audit.list({ limit: 10, after: "not-a-cursor" }), StorageInvalidCursorError);
      }));
  });
}

/** A pool id nobody else uses; audit events need no pool row. */
function uniquePoolId(): string {
  return `test-${randomBytes(4).toString("hex")}-1_${randomBytes(6).toString("hex")}`;
}

function minutesAfterT0(minutes: number): Date {
  return new Date(Date.UTC(2024, 8, 1) + minutes * 60_000);
}

function idsOf(...events: AuditEvent[]): string[] {
  return events.map((event) => event.id);
}

export function sampleEvent(poolId: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    time: new Date("2024-09-01T00:00:00.000Z"),
    requestId: randomUUID(),
    actor: "arn:aws:iam::000000000000:root",
    sourceIp: "127.0.0.1",
    operation: "AdminCreateUser",
    poolId,
    username: "ana",
    outcome: "success",
    ...overrides,
  };
}
