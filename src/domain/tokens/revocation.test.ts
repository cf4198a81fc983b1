import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeJwt } from "jose";
import { openStore } from "../../storage/open.js";
import type { Store } from "../ports/store.js";
import type { ClientConfig } from "../clients/types.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { issueTokens, resolveRefreshToken, tokensFromRefreshToken, type TokenDeps } from "./issue.js";
import { later, poolClientAndUser, signedInAt, tokenDeps } from "../../../test/helpers/tokenFixtures.js";
import { cryptoRandom } from "../random.js";
import { refreshTokenId } from "./refreshToken.js";
import { revokeRefreshToken, signOutEverywhere } from "./revocation.js";


describe("revoking and rotating refresh tokens", () => {
  let store: Store;
  let deps: TokenDeps;
  before(async () => {
    store = await openStore("sqlite::memory:");
    deps = tokenDeps(store);
  });
  after(() => store.close());

  async function fixture(config: ClientConfig = {}) {
    const { pool, client, user } = await poolClientAndUser(store, config);
    const signIn = async (now = signedInAt) => {
      const result = await issueTokens(deps, { pool, client, user, now });
      return { refreshToken: result.RefreshToken!, originJti: decodeJwt(result.AccessToken!).origin_jti as string };
    };
    const resolve = (refreshToken: string, now: Date) => resolveRefreshToken(deps, { pool, client, refreshToken, now });
    return { pool, client, user, signIn, resolve };
  }

  async function rejectsWith(promise: Promise<unknown>, type: string, message: string) {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
      assert.equal(error.type, type);
      assert.equal(error.message, message);
      return true;
    });
  }

  test("signing out everywhere revokes every refresh token of the user and records the time", async () => {
    const { pool, user, signIn, resolve } = await fixture();
    const [first, second] = [await signIn(), await signIn()];
    await signOutEverywhere(store, user, later(10));
    for (const session of [first, second]) {
      await rejectsWith(resolve(session.refreshToken, later(11)), "NotAuthorizedException", "Refresh Token has been revoked");
    }
    assert.deepEqual(await store.revocations.signedOutAt(pool.id, user.username), later(10));
    await resolve((await signIn(later(12))).refreshToken, later(13));
  });

  test("revoking a refresh token revokes its authentication for tokens refreshed from it, and nothing else", async () => {
    const { pool, client, signIn, resolve } = await fixture();
    const [revoked, kept] = [await signIn(), await signIn()];
    await revokeRefreshToken(store, { client, token: revoked.refreshToken, now: later(5) });
    await rejectsWith(resolve(revoked.refreshToken, later(6)), "NotAuthorizedException", "Refresh Token has been revoked");
    assert.equal(await store.revocations.isOriginRevoked(pool.id, revoked.originJti), true);
    assert.equal(await store.revocations.isOriginRevoked(pool.id, kept.originJti), false);
    await resolve(kept.refreshToken, later(6));
    await revokeRefreshToken(store, { client, token: revoked.refreshToken, now: later(7) });
  });

  test("revoking refuses another client's token, a JWT, and a client without revocation; unknown tokens pass", async () => {
    const { pool, client, user, signIn } = await fixture();
    const other = { ...client, clientId: cryptoRandom.bytes(13).toString("hex") };
    await store.clients.create(other);
    const { refreshToken } = await signIn();
    await rejectsWith(
      revokeRefreshToken(store, { client: other, token: refreshToken, now: later(1) }),
      "UnauthorizedException",
      `The token was not issued to client ${other.clientId}`,
    );
    const jwt = (await issueTokens(deps, { pool, client, user, now: signedInAt })).AccessToken!;
    await rejectsWith(
      revokeRefreshToken(store, { client, token: jwt, now: later(1) }),
      "UnsupportedTokenTypeException",
      "Only refresh tokens can be revoked",
    );
    await revokeRefreshToken(store, { client, token: `${refreshToken}x`, now: later(1) });
    assert.equal((await store.refreshTokens.get(refreshTokenId(refreshToken)))!.revokedAt, undefined);

    const withoutRevocation = { ...client, clientId: cryptoRandom.bytes(13).toString("hex"), config: { EnableTokenRevocation: false } };
    await rejectsWith(
      revokeRefreshToken(store, { client: withoutRevocation, token: refreshToken, now: later(1) }),
      "UnsupportedOperationException",
      `Token revocation is not enabled for client ${withoutRevocation.clientId}`,
    );
  });

  test("without rotation, a refresh returns no refresh token and the token keeps working", async () => {
    const { pool, client, signIn, resolve } = await fixture();
    const { refreshToken } = await signIn();
    const token = await resolve(refreshToken, later(1));
    assert.equal((await tokensFromRefreshToken(deps, { pool, client, token, now: later(1) })).RefreshToken, undefined);
    await resolve(refreshToken, later(100));
  });

  test("with rotation, a new refresh token of the same authentication; the old one lasts the grace period, then is reused", async () => {
    const { pool, client, signIn, resolve } = await fixture({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 } });
    const { refreshToken, originJti } = await signIn();
    const rotated = await tokensFromRefreshToken(deps, { pool, client, token: await resolve(refreshToken, later(100)), now: later(100) });
    assert.equal(decodeJwt(rotated.AccessToken!).origin_jti, originJti);
    const successor = await store.refreshTokens.get(refreshTokenId(rotated.RefreshToken!));
    assert.equal(successor?.originJti, originJti);
    assert.deepEqual(successor?.expiresAt, new Date(later(100).getTime() + 30 * 86_400_000), "a full lifetime from the rotation");

    // A retry within the grace period works, does not extend it, and its refresh token outlives it.
    const retried = await tokensFromRefreshToken(deps, { pool, client, token: await resolve(refreshToken, later(105)), now: later(105) });
    await rejectsWith(resolve(refreshToken, later(110)), "RefreshTokenReuseException", "Refresh Token has been rotated");
    await resolve(rotated.RefreshToken!, later(110));
    await resolve(retried.RefreshToken!, later(110));
  });

  test("a rotated-out token of a revoked authentication fails as revoked, even within its grace period", async () => {
    const { pool, client, signIn, resolve } = await fixture({ RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 60 } });
    const { refreshToken } = await signIn();
    const rotated = await tokensFromRefreshToken(deps, { pool, client, token: await resolve(refreshToken, later(1)), now: later(1) });
    await revokeRefreshToken(store, { client, token: rotated.RefreshToken!, now: later(2) });
    await rejectsWith(resolve(refreshToken, later(3)), "NotAuthorizedException", "Refresh Token has been revoked");
  });
});
