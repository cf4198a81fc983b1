import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { AuthorizationCodeRecord } from "../../domain/oauth/types.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.authorizationCodes on every backend. */
export function authorizationCodesContract(name: string, open: OpenStore): void {
  describe(`AuthorizationCodeStore contract: ${name}`, () => {
    test("a code is taken once, with every field as stored; concurrent takes give it to one", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const full = sampleCode(poolId, { nonce: "n-0S6_WzA2Mj", codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" });
        const bare = sampleCode(poolId, { scopes: [] });
        for (const code of [full, bare]) {
          await store.authorizationCodes.create(code);
          assert.deepEqual(await store.authorizationCodes.take(code.id), code);
          assert.equal(await store.authorizationCodes.take(code.id), undefined);
        }
        const raced = sampleCode(poolId);
        await store.authorizationCodes.create(raced);
        const takes = await Promise.all([store.authorizationCodes.take(raced.id), store.authorizationCodes.take(raced.id)]);
        assert.equal(takes.filter((taken) => taken !== undefined).length, 1);
      }));

    test("deleting the pool removes its codes", () =>
      withStore(open, async (store) => {
        const code = sampleCode(await createPool(store));
        await store.authorizationCodes.create(code);
        assert.equal(await store.pools.delete(code.poolId), true);
        assert.equal(await store.authorizationCodes.take(code.id), undefined);
      }));
  });
}

function sampleCode(poolId: string, overrides: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord {
  return {
    id: randomBytes(32).toString("base64url"),
    poolId,
    clientId: "client",
    username: "alice",
    redirectUri: "https://app.example.com/callback?x=1",
    scopes: ["openid", "email", "https://orders.example.com/read"],
    authTime: 1_720_000_000,
    expiresAt: new Date("2024-07-03T10:05:00.000Z"),
    ...overrides,
  };
}
