import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { AuthEventRecord } from "../../domain/authEvents/types.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

function sampleEvent(poolId: string, username: string, minute: number): AuthEventRecord {
  return {
    eventId: randomUUID(),
    poolId,
    username,
    type: "SignIn",
    createdAt: new Date(Date.UTC(2024, 6, 1, 10, minute)),
    response: "Pass",
    risk: { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false },
    challengeResponses: [{ ChallengeName: "Password", ChallengeResponse: "Success" }],
    context: { IpAddress: "192.0.2.7", DeviceName: "curl/8" },
    feedbackTokenHash: "0".repeat(64),
  };
}

/** The behaviour of Store.authEvents on every backend. */
export function authEventsContract(name: string, open: OpenStore): void {
  describe(`AuthEventStore contract: ${name}`, () => {
    test("a user's events read back newest first by page, each with its feedback, and go with the pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const events = [0, 1, 2].map((minute) => sampleEvent(poolId, "ada", minute));
        for (const event of events) await store.authEvents.append(event);
        await store.authEvents.append(sampleEvent(poolId, "bob", 3));
        const first = await store.authEvents.list(poolId, "ada", { limit: 2 });
        assert.deepEqual(first.items, [events[2], events[1]]);
        const second = await store.authEvents.list(poolId, "ada", { limit: 2, after: first.nextAfter! });
        assert.deepEqual(second, { items: [events[0]] });
        assert.deepEqual(await store.authEvents.get(poolId, "ada", events[1]!.eventId), events[1]);
        assert.equal(await store.authEvents.get(poolId, "bob", events[1]!.eventId), undefined);

        const feedback = { value: "Invalid" as const, provider: "Admin", at: new Date("2024-07-02T00:00:00.000Z") };
        assert.equal(await store.authEvents.setFeedback(poolId, "ada", events[1]!.eventId, feedback), true);
        assert.equal(await store.authEvents.setFeedback(poolId, "bob", events[1]!.eventId, feedback), false);
        assert.deepEqual(await store.authEvents.get(poolId, "ada", events[1]!.eventId), { ...events[1], feedback });

        await store.pools.delete(poolId);
        assert.deepEqual((await store.authEvents.list(poolId, "ada", { limit: 10 })).items, []);
      }));
  });
}
