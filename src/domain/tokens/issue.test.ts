import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { openStore } from "../../storage/open.js";
import type { Store } from "../ports/store.js";
import type { ClientConfig } from "../clients/types.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { issuerFor, issueTokens, refreshTokens, resolveRefreshToken, type TokenDeps } from "./issue.js";
import { later, poolClientAndUser, signedInAt, tokenDeps } from "../../../test/helpers/tokenFixtures.js";
import { refreshTokenId } from "./refreshToken.js";
import { publishedKeys } from "./signingKeys.js";


describe("issuing tokens", () => {
  let store: Store;
  let deps: TokenDeps;
  before(async () => {
    store = await openStore("sqlite::memory:");
    deps = tokenDeps(store);
  });
  after(() => store.close());

  async function fixture(config: ClientConfig = {}) {
    return poolClientAndUser(store, config, (user) => ({
      ...user,
      createdAt: later(-60),
      lastModifiedAt: later(-60),
      attributes: { ...user.attributes, email: "ada@example.com", email_verified: "true" },
    }));
  }

  async function verify(pool: UserPoolRecord, token: string, at: Date) {
    const jwks = createLocalJWKSet({ keys: await publishedKeys(deps, pool.id, at) });
    return (await jwtVerify(token, jwks, { issuer: issuerFor(deps, pool), currentDate: at })).payload;
  }

  async function rejectsWith(promise: Promise<unknown>, type: string, message: string) {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
      assert.equal(error.type, type);
      assert.equal(error.message, message);
      return true;
    });
  }

  test("a sign-in yields ID and access tokens that verify against the pool's JWKS, with different keys", async () => {
    const { pool, client, user } = await fixture();
    const result = await issueTokens(deps, { pool, client, user, now: signedInAt });
    assert.equal(result.TokenType, "Bearer");
    assert.equal(result.ExpiresIn, 3600);
    const idClaims = await verify(pool, result.IdToken!, signedInAt);
    const accessClaims = await verify(pool, result.AccessToken!, signedInAt);
    assert.notEqual(decodeProtectedHeader(result.IdToken!).kid, decodeProtectedHeader(result.AccessToken!).kid);
    assert.equal(idClaims.iss, `http://cognate.test:9229/${pool.id}`);
    assert.equal(idClaims.aud, client.clientId);
    assert.equal(idClaims.email, "ada@example.com");
    assert.equal(idClaims.email_verified, true);
    assert.equal(accessClaims.client_id, client.clientId);
    assert.equal(accessClaims.username, user.username);
    assert.equal(idClaims.auth_time, signedInAt.getTime() / 1000);
    assert.equal(idClaims.origin_jti, accessClaims.origin_jti);
    assert.equal(idClaims.event_id, accessClaims.event_id);
    assert.notEqual(idClaims.jti, accessClaims.jti);
  });

  test("lifetimes follow the client's settings; the refresh token is kept only as a hash, with its expiry", async () => {
    const { pool, client, user } = await fixture({
      AccessTokenValidity: 5,
      IdTokenValidity: 2,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours", RefreshToken: "minutes" },
    });
    const result = await issueTokens(deps, { pool, client, user, now: signedInAt });
    assert.equal(result.ExpiresIn, 300);
    const idClaims = decodeJwt(result.IdToken!);
    const accessClaims = decodeJwt(result.AccessToken!);
    assert.equal(idClaims.exp! - idClaims.iat!, 7200);
    assert.equal(accessClaims.exp! - accessClaims.iat!, 300);
    const stored = await store.refreshTokens.get(refreshTokenId(result.RefreshToken!));
    assert.ok(stored !== undefined);
    assert.deepEqual(stored.expiresAt, later(90 * 60));
    assert.equal(stored.username, user.username);
    assert.equal(stored.originJti, accessClaims.origin_jti);
    assert.ok(!JSON.stringify(stored).includes(result.RefreshToken!));
  });

  test("with the aws issuer form, iss is Cognito's address for the pool", async () => {
    const { pool, client, user } = await fixture();
    const awsDeps: TokenDeps = { ...deps, tokenIssuer: "aws" };
    const result = await issueTokens(awsDeps, { pool, client, user, now: signedInAt });
    assert.equal(decodeJwt(result.IdToken!).iss, `https://cognito-idp.${pool.region}.amazonaws.com/${pool.id}`);
  });

  test("a client without token revocation gets tokens without origin_jti", async () => {
    const { pool, client, user } = await fixture({ EnableTokenRevocation: false });
    const result = await issueTokens(deps, { pool, client, user, now: signedInAt });
    assert.ok(!("origin_jti" in decodeJwt(result.IdToken!)));
    assert.ok(!("origin_jti" in decodeJwt(result.AccessToken!)));
  });

  test("a refresh keeps origin_jti and auth_time, reads the user and groups afresh, and returns no refresh token", async () => {
    const { pool, client, user } = await fixture();
    const first = await issueTokens(deps, { pool, client, user, now: signedInAt });
    const firstClaims = decodeJwt(first.IdToken!);
    const changed: UserRecord = { ...user, attributes: { ...user.attributes, email: "ada@new.example" } };
    await store.users.update(changed);
    await store.groups.create({ poolId: pool.id, name: "admins", createdAt: signedInAt, lastModifiedAt: signedInAt });
    await store.groups.addMember(pool.id, "admins", user.username);

    const at = later(1800);
    const token = await resolveRefreshToken(deps, { pool, client, refreshToken: first.RefreshToken!, now: at });
    assert.equal(token.username, user.username, "the caller checks SECRET_HASH against this username");
    const refreshed = await refreshTokens(deps, { pool, client, token, now: at });
    assert.equal(refreshed.RefreshToken, undefined);
    const idClaims = await verify(pool, refreshed.IdToken!, at);
    const accessClaims = await verify(pool, refreshed.AccessToken!, at);
    for (const claims of [idClaims, accessClaims]) {
      assert.equal(claims.origin_jti, firstClaims.origin_jti);
      assert.equal(claims.auth_time, firstClaims.auth_time);
      assert.equal(claims.iat, at.getTime() / 1000);
      assert.deepEqual(claims["cognito:groups"], ["admins"]);
    }
    assert.notEqual(idClaims.jti, firstClaims.jti);
    assert.equal(idClaims.email, "ada@new.example");
  });

  test("an unknown refresh token, or one of another client, is invalid", async () => {
    const { pool, client, user } = await fixture();
    const other = await fixture();
    const issued = await issueTokens(deps, { pool, client, user, now: signedInAt });
    await rejectsWith(
      resolveRefreshToken(deps, { pool, client, refreshToken: `${issued.RefreshToken!}x`, now: signedInAt }),
      "NotAuthorizedException",
      "Invalid Refresh Token.",
    );
    await rejectsWith(
      resolveRefreshToken(deps, { pool: other.pool, client: other.client, refreshToken: issued.RefreshToken!, now: signedInAt }),
      "NotAuthorizedException",
      "Invalid Refresh Token.",
    );
  });

  test("a revoked refresh token is refused as revoked, an expired one as expired", async () => {
    const { pool, client, user } = await fixture({ RefreshTokenValidity: 60, TokenValidityUnits: { RefreshToken: "minutes" } });
    const revoked = await issueTokens(deps, { pool, client, user, now: signedInAt });
    await store.refreshTokens.revoke(refreshTokenId(revoked.RefreshToken!), later(1));
    await rejectsWith(
      resolveRefreshToken(deps, { pool, client, refreshToken: revoked.RefreshToken!, now: later(2) }),
      "NotAuthorizedException",
      "Refresh Token has been revoked",
    );
    const expiring = await issueTokens(deps, { pool, client, user, now: signedInAt });
    await resolveRefreshToken(deps, { pool, client, refreshToken: expiring.RefreshToken!, now: later(3599) });
    await rejectsWith(
      resolveRefreshToken(deps, { pool, client, refreshToken: expiring.RefreshToken!, now: later(3600) }),
      "NotAuthorizedException",
      "Refresh Token has expired",
    );
  });

  test("a disabled user cannot refresh", async () => {
    const { pool, client, user } = await fixture();
    const issued = await issueTokens(deps, { pool, client, user, now: signedInAt });
    await store.users.update({ ...user, enabled: false });
    const token = await resolveRefreshToken(deps, { pool, client, refreshToken: issued.RefreshToken!, now: later(1) });
    await rejectsWith(refreshTokens(deps, { pool, client, token, now: later(1) }), "NotAuthorizedException", "User is disabled.");
  });
});
