import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { decodeJwt } from "jose";
import { openStore } from "../../storage/open.js";
import type { Store } from "../ports/store.js";
import type { ClientConfig } from "../clients/types.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { authenticateAccessToken } from "./accessToken.js";
import { signJwt } from "./claims.js";
import { issueTokens, type TokenDeps } from "./issue.js";
import { later, poolClientAndUser, signedInAt, tokenDeps } from "../../../test/helpers/tokenFixtures.js";
import { sampleUser } from "../../storage/contract/fixtures.js";
import { activeSigningKey } from "./signingKeys.js";


describe("authenticating an access token", () => {
  let store: Store;
  let deps: TokenDeps;
  before(async () => {
    store = await openStore("sqlite::memory:");
    deps = tokenDeps(store);
  });
  after(() => store.close());

  async function signedIn(config: ClientConfig = {}) {
    const { pool, client, user } = await poolClientAndUser(store, config);
    const tokens = await issueTokens(deps, { pool, client, user, now: signedInAt });
    return { pool, client, user, tokens, accessToken: tokens.AccessToken! };
  }

  async function rejectsWith(promise: Promise<unknown>, type: string, message: string) {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
      assert.equal(error.type, type);
      assert.equal(error.message, message);
      return true;
    });
  }

  test("a fresh access token names its pool, user and client", async () => {
    const { pool, client, user, accessToken } = await signedIn();
    const holder = await authenticateAccessToken(deps, accessToken, later(1));
    assert.equal(holder.pool.id, pool.id);
    assert.equal(holder.user.username, user.username);
    assert.equal(holder.client.clientId, client.clientId);
    assert.equal(holder.claims.client_id, client.clientId);
  });

  test("a token in the aws issuer form is accepted too", async () => {
    const { pool, client, user } = await signedIn();
    const awsDeps: TokenDeps = { ...deps, tokenIssuer: "aws" };
    const { AccessToken } = await issueTokens(awsDeps, { pool, client, user, now: signedInAt });
    assert.equal((await authenticateAccessToken(deps, AccessToken!, later(1))).user.username, user.username);
  });

  test("garbage, an ID token, a token of an unknown pool or signed by another pool's key is invalid", async () => {
    const { tokens, accessToken } = await signedIn();
    const other = await signedIn();
    const [header, , signature] = accessToken.split(".");
    const otherPayload = other.accessToken.split(".")[1];
    for (const token of ["garbage", "a.b.c", tokens.IdToken!, `${header}.${otherPayload}.${signature}`]) {
      await rejectsWith(authenticateAccessToken(deps, token, later(1)), "NotAuthorizedException", "Invalid Access Token");
    }
    const claims = decodeJwt(accessToken);
    const foreignKey = await activeSigningKey(deps, other.pool.id, "access", signedInAt);
    await rejectsWith(authenticateAccessToken(deps, await signJwt(foreignKey, claims), later(1)), "NotAuthorizedException", "Invalid Access Token");
    const unknownPool = await signJwt(foreignKey, { ...claims, iss: "http://cognate.test:9229/us-east-1_nowhere00" });
    await rejectsWith(authenticateAccessToken(deps, unknownPool, later(1)), "NotAuthorizedException", "Invalid Access Token");
  });

  test("an access token expires at its exp by the clock it is given", async () => {
    const { accessToken } = await signedIn();
    await authenticateAccessToken(deps, accessToken, later(3599));
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(3600)), "NotAuthorizedException", "Access Token has expired");
  });

  test("a token without the aws.cognito.signin.user.admin scope is refused", async () => {
    const { pool, accessToken } = await signedIn();
    const key = await activeSigningKey(deps, pool.id, "access", signedInAt);
    const narrow = await signJwt(key, { ...decodeJwt(accessToken), scope: "openid email" });
    await rejectsWith(authenticateAccessToken(deps, narrow, later(1)), "NotAuthorizedException", "Access Token does not have required scopes");
  });

  test("revoking the authentication revokes its access token, not another one's", async () => {
    const { pool, client, user, accessToken } = await signedIn();
    const { AccessToken: otherSession } = await issueTokens(deps, { pool, client, user, now: signedInAt });
    await store.revocations.revokeOrigin(pool.id, decodeJwt(accessToken).origin_jti as string, later(7200));
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "NotAuthorizedException", "Access Token has been revoked");
    await authenticateAccessToken(deps, otherSession!, later(1));
  });

  test("a global sign-out revokes tokens issued up to its second, not those issued after", async () => {
    const { pool, client, user, accessToken } = await signedIn();
    await store.revocations.signOutUser(pool.id, user.username, new Date(signedInAt.getTime() + 500));
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "NotAuthorizedException", "Access Token has been revoked");
    const { AccessToken: afterwards } = await issueTokens(deps, { pool, client, user, now: later(1) });
    await authenticateAccessToken(deps, afterwards!, later(2));
  });

  test("a token of a client without revocation (no origin_jti) is still revoked by a global sign-out", async () => {
    const { pool, user, accessToken } = await signedIn({ EnableTokenRevocation: false });
    assert.equal(decodeJwt(accessToken).origin_jti, undefined);
    await store.revocations.signOutUser(pool.id, user.username, later(1));
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(2)), "NotAuthorizedException", "Access Token has been revoked");
  });

  test("a deleted user, or a namesake created since, does not exist; a disabled user's token is revoked", async () => {
    const { pool, user, accessToken } = await signedIn();
    await store.users.update({ ...user, enabled: false });
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "NotAuthorizedException", "Access Token has been revoked");
    await store.users.delete(pool.id, user.username);
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "UserNotFoundException", "User does not exist.");
    await store.users.create(sampleUser(pool.id, { username: user.username }));
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "UserNotFoundException", "User does not exist.");
  });

  test("a user waiting for a password reset or a confirmation gets the exception for that state", async () => {
    const { user, accessToken } = await signedIn();
    await store.users.update({ ...user, status: "RESET_REQUIRED" });
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "PasswordResetRequiredException", "Password reset required for the user");
    await store.users.update({ ...user, status: "UNCONFIRMED" });
    await rejectsWith(authenticateAccessToken(deps, accessToken, later(1)), "UserNotConfirmedException", "User is not confirmed.");
  });

  test("the token's app client must still exist", async () => {
    const { pool, client, accessToken } = await signedIn();
    await store.clients.delete(pool.id, client.clientId);
    await rejectsWith(
      authenticateAccessToken(deps, accessToken, later(1)),
      "ResourceNotFoundException",
      `User pool client ${client.clientId} does not exist.`,
    );
  });
});
