import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { AuditEvent } from "../../domain/audit/types.js";
import { sampleEvent } from "./audit.contract.js";
import { sampleCode } from "./codes.contract.js";
import { createPool, createUser, sampleUser, withStore, type OpenStore } from "./fixtures.js";
import { uniqueBucket } from "./rateLimits.contract.js";
import { sampleToken } from "./refreshTokens.contract.js";
import { sampleSession } from "./sessions.contract.js";

// PostgreSQL hands every test the same database: the instants here (1970) are ones no other test uses, so a
// sweep before them removes only this suite's rows.
const BEFORE = new Date("1970-06-01T00:00:00.000Z");
const at = (ms: number) => new Date(BEFORE.getTime() + ms);

/** The bounded deletes the sweeper runs, and the other maintenance methods, on every backend. */
export function sweepContract(name: string, open: OpenStore): void {
  describe(`Sweeping and maintenance contract: ${name}`, () => {
    test("sessions: deleteExpired removes at most `limit` expired before the instant, keeps the rest", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const expired = [at(-3), at(-2), at(-1)].map((expiresAt) => sampleSession(poolId, { expiresAt }));
        const live = [at(0), at(1)].map((expiresAt) => sampleSession(poolId, { expiresAt }));
        for (const session of [...expired, ...live]) await store.sessions.create(session);
        assert.equal(await store.sessions.deleteExpired(BEFORE, 2), 2);
        assert.equal(await store.sessions.deleteExpired(BEFORE, 2), 1);
        assert.equal(await store.sessions.deleteExpired(BEFORE, 2), 0);
        for (const session of expired) assert.equal(await store.sessions.get(session.id), undefined);
        for (const session of live) assert.deepEqual(await store.sessions.get(session.id), session);
      }));

    test("codes: deleteExpired removes at most `limit` expired before the instant, keeps the rest", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const users = await Promise.all([0, 1, 2, 3].map(() => createUser(store, poolId)));
        const expired = users.slice(0, 3).map((user, index) => sampleCode(user, { expiresAt: at(-1 - index), pendingValue: "new@example.com" }));
        const live = sampleCode(users[3]!, { expiresAt: BEFORE });
        for (const code of [...expired, live]) await store.codes.put(code);
        assert.equal(await store.codes.deleteExpired(BEFORE, 2), 2);
        assert.equal(await store.codes.deleteExpired(BEFORE, 5), 1);
        for (const code of expired) assert.equal(await store.codes.get(code.poolId, code.username, code.purpose), undefined);
        assert.deepEqual(await store.codes.get(live.poolId, live.username, live.purpose), live);
      }));

    test("refresh tokens: deleteStale removes records expired or revoked before the instant, keeps the rest", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const expired = sampleToken(user, { createdAt: at(-10), expiresAt: at(-1) });
        const revoked = sampleToken(user, { createdAt: at(-10), expiresAt: at(1000), revokedAt: at(-1) });
        const revokedAtTheInstant = sampleToken(user, { createdAt: at(-10), expiresAt: at(1000), revokedAt: BEFORE });
        const live = sampleToken(user, { createdAt: at(-10), expiresAt: BEFORE });
        for (const token of [expired, revoked, revokedAtTheInstant, live]) await store.refreshTokens.create(token);
        assert.equal(await store.refreshTokens.deleteStale(BEFORE, 1), 1);
        assert.equal(await store.refreshTokens.deleteStale(BEFORE, 10), 1);
        assert.equal(await store.refreshTokens.get(expired.id), undefined);
        assert.equal(await store.refreshTokens.get(revoked.id), undefined);
        assert.deepEqual(await store.refreshTokens.get(revokedAtTheInstant.id), revokedAtTheInstant);
        assert.deepEqual(await store.refreshTokens.get(live.id), live);
      }));

    test("origin revocations: deleteExpired removes those expired before the instant; global sign-outs stay", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const [gone, kept] = [randomUUID(), randomUUID()];
        await store.revocations.revokeOrigin(user.poolId, gone, at(-1));
        await store.revocations.revokeOrigin(user.poolId, kept, BEFORE);
        await store.revocations.signOutUser(user.poolId, user.username, at(-5));
        assert.equal(await store.revocations.deleteExpired(BEFORE, 10), 1);
        assert.equal(await store.revocations.isOriginRevoked(user.poolId, gone), false);
        assert.equal(await store.revocations.isOriginRevoked(user.poolId, kept), true);
        assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), at(-5));
      }));

    test("rate limits: deleteIdle removes buckets untouched since before the instant; a removed bucket is full again", () =>
      withStore(open, async (store) => {
        const [idle, busy] = [uniqueBucket(), uniqueBucket()];
        assert.equal(await store.rateLimits.take(idle, 1, 1, at(-1)), true);
        assert.equal(await store.rateLimits.take(busy, 1, 1, BEFORE), true);
        assert.equal(await store.rateLimits.deleteIdle(BEFORE, 10), 1);
        assert.equal(await store.rateLimits.take(idle, 0, 1, BEFORE), true, "a swept bucket starts full");
        assert.equal(await store.rateLimits.take(busy, 0, 1, BEFORE), false, "the busy bucket kept its count");
      }));

    test("audit: deleteBefore removes at most `limit` events older than the instant, oldest first", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const old = [at(-3), at(-2), at(-1)].map((time) => sampleEvent(poolId, { time }));
        const recent = sampleEvent(poolId, { time: BEFORE });
        for (const event of [...old, recent]) await store.audit.append(event);
        assert.equal(await store.audit.deleteBefore(BEFORE, 2), 2);
        assert.deepEqual(ids(await store.audit.list({ poolId, limit: 10 })), [old[2]!.id, recent.id]);
        assert.equal(await store.audit.deleteBefore(BEFORE, 2), 1);
        assert.deepEqual(ids(await store.audit.list({ poolId, limit: 10 })), [recent.id]);
      }));

    test("audit: unexported pages through events after the mark; markExported moves it forward only", () =>
      withStore(open, async (store) => {
        const drain = async (): Promise<{ events: AuditEvent[]; marks: string[] }> => {
          const events: AuditEvent[] = [];
          const marks: string[] = [];
          for (;;) {
            const page = await store.audit.unexported(2);
            if (page.through === undefined) return { events, marks };
            events.push(...page.items);
            marks.push(page.through);
            await store.audit.markExported(page.through);
          }
        };
        await drain();
        const poolId = await createPool(store);
        const appended = [1, 2, 3].map(() => sampleEvent(poolId));
        for (const event of appended) await store.audit.append(event);
        const first = await drain();
        assert.deepEqual(first.events.map((event) => event.id), appended.map((event) => event.id));
        assert.deepEqual((await store.audit.unexported(10)).items, []);
        await store.audit.markExported(first.marks[0]!);
        assert.deepEqual((await store.audit.unexported(10)).items, [], "the mark never moves back");
      }));

    test("users: replacePasswordHash swaps the hash only while it is the one read, keeping the rest", () =>
      withStore(open, async (store) => {
        const password = { hash: "$argon2id$old", srpSalt: "ab", srpVerifier: "cd", temporary: false, setAt: new Date("2024-01-01T00:00:00.000Z") };
        const user = sampleUser(await createPool(store), { password });
        await store.users.create(user);
        assert.equal(await store.users.replacePasswordHash(user.poolId, user.username, "$argon2id$other", "$argon2id$new"), false);
        assert.equal(await store.users.replacePasswordHash(user.poolId, user.username, "$argon2id$old", "$argon2id$new"), true);
        assert.deepEqual((await store.users.getByUsernameKey(user.poolId, user.usernameKey))!.password, { ...password, hash: "$argon2id$new" });
        assert.equal(await store.users.replacePasswordHash(user.poolId, user.username, "$argon2id$old", "$argon2id$newer"), false);
        assert.equal(await store.users.replacePasswordHash(user.poolId, "nobody", "$argon2id$new", "$argon2id$newer"), false);
      }));

    test("schemaVersion: a store opened with migrations is at the version its code needs", () =>
      withStore(open, async (store) => {
        const { current, expected } = await store.schemaVersion();
        assert.equal(current, expected);
        assert.match(expected, /^\d{4}_/);
      }));
  });
}

function ids(page: { items: AuditEvent[] }): string[] {
  return page.items.map((event) => event.id);
}
