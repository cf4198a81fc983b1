import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { Jwks } from "aws-jwt-verify/jwk";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { CognitoError } from "../../src/errors/cognitoError.js";
import { issueTokens, refreshTokens, resolveRefreshToken } from "../../src/domain/tokens/issue.js";
import { refreshTokenId } from "../../src/domain/tokens/refreshToken.js";
import { findUser } from "../../src/domain/users/resolve.js";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";

const INVALID_REFRESH_TOKEN = "Invalid Refresh Token.";
const REVOKED_REFRESH_TOKEN = "Refresh Token has been revoked";

/** aws-jwt-verify fetches only over https; Cognate in a test speaks http, so the JWKS comes through fetch(). */
function httpJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function jwksOf(cognate: RunningCognate, poolId: string): Promise<Jwks> {
  const { status, body } = await getJson(`${cognate.url}/${poolId}/.well-known/jwks.json`);
  assert.equal(status, 200);
  return body as unknown as Jwks;
}

function kidsOf(jwks: Jwks): string[] {
  return jwks.keys.map((key) => key.kid!).sort();
}

async function rejectsWithCognitoError(promise: Promise<unknown>, type: string, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
    assert.equal(error.type, type);
    assert.equal(error.message, message);
    return true;
  });
}

interface SignedIn {
  poolId: string;
  clientId: string;
  username: string;
  tokens: { IdToken: string; AccessToken: string; RefreshToken: string; ExpiresIn: number; TokenType: string };
}

/** A pool, a client and a user made through the SDK, then tokens issued as a sign-in would issue them. */
async function signIn(
  cognate: RunningCognate,
  cognito: CognitoIdentityProviderClient,
  clientSettings: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<SignedIn> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "tokens" }));
  const poolId = UserPool!.Id!;
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ...clientSettings }),
  );
  const username = "ada";
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "ada@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "name", Value: "Ada Lovelace" },
      ],
    }),
  );
  const tokens = await issueFor(cognate, poolId, UserPoolClient!.ClientId!, username);
  return { poolId, clientId: UserPoolClient!.ClientId!, username, tokens };
}

async function issueFor(cognate: RunningCognate, poolId: string, clientId: string, username: string) {
  const { store } = cognate.app.deps;
  const pool = (await store.pools.get(poolId))!;
  const client = (await store.clients.get(poolId, clientId))!;
  const user = (await findUser(store, pool, username))!;
  const result = await issueTokens(cognate.app.deps, { pool, client, user, now: await cognate.app.clock.now() });
  return result as SignedIn["tokens"];
}

async function refreshWith(cognate: RunningCognate, poolId: string, clientId: string, refreshToken: string) {
  const { store } = cognate.app.deps;
  const pool = (await store.pools.get(poolId))!;
  const client = (await store.clients.get(poolId, clientId))!;
  const now = await cognate.app.clock.now();
  const token = await resolveRefreshToken(cognate.app.deps, { pool, client, refreshToken, now });
  return refreshTokens(cognate.app.deps, { pool, client, token, now });
}

function localVerifiers(cognate: RunningCognate, poolId: string, clientId: string) {
  const issuer = `${cognate.url}/${poolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwksCache = httpJwksCache();
  return {
    id: JwtVerifier.create(
      {
        issuer,
        audience: clientId,
        jwksUri,
        customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "id"),
      },
      { jwksCache },
    ),
    // Access tokens have no `aud`: the client is `client_id`.
    access: JwtVerifier.create(
      {
        issuer,
        audience: null,
        jwksUri,
        scope: "aws.cognito.signin.user.admin",
        customJwtCheck: ({ payload }) => {
          assert.equal(payload.token_use, "access");
          assert.equal(payload.client_id, clientId);
        },
      },
      { jwksCache },
    ),
  };
}

for (const backend of backends) {
  describe(`tokens and their keys (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("ID and access tokens verify with aws-jwt-verify against the issuer's JWKS, each signed by its own key", async () => {
      const { poolId, clientId, tokens } = await signIn(cognate, cognito);
      const verifiers = localVerifiers(cognate, poolId, clientId);
      await verifiers.id.verify(tokens.IdToken);
      await verifiers.access.verify(tokens.AccessToken);
      const idKid = decodeProtectedHeader(tokens.IdToken).kid;
      const accessKid = decodeProtectedHeader(tokens.AccessToken).kid;
      assert.notEqual(idKid, accessKid);
      assert.deepEqual(kidsOf(await jwksOf(cognate, poolId)), [idKid, accessKid].sort());
    });

    test("the JWKS lists RSA keys exactly as Cognito writes them", async () => {
      const { poolId } = await signIn(cognate, cognito);
      const jwks = await jwksOf(cognate, poolId);
      assert.equal(jwks.keys.length, 2);
      for (const key of jwks.keys) {
        assert.deepEqual(Object.keys(key), ["alg", "e", "kid", "kty", "n", "use"]);
        assert.equal(key.alg, "RS256");
        assert.equal(key.kty, "RSA");
        assert.equal(key.use, "sig");
        assert.equal(key.e, "AQAB");
      }
    });

    test("the ID token carries the user's identity, readable attributes and groups; the access token the client and username", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "claims" }));
      const poolId = UserPool!.Id!;
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ReadAttributes: ["email", "email_verified"] }),
      );
      const clientId = UserPoolClient!.ClientId!;
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "grace",
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: "grace@example.com" },
            { Name: "email_verified", Value: "true" },
            { Name: "name", Value: "Grace Hopper" },
          ],
        }),
      );
      await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins", Precedence: 1 }));
      await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "staff", Precedence: 5 }));
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "grace", GroupName: "staff" }));
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "grace", GroupName: "admins" }));
      const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "grace" }));
      const sub = UserAttributes!.find((attribute) => attribute.Name === "sub")!.Value;

      const tokens = await issueFor(cognate, poolId, clientId, "grace");
      const idClaims = decodeJwt(tokens.IdToken);
      assert.equal(idClaims.sub, sub);
      assert.equal(idClaims["cognito:username"], "grace");
      assert.equal(idClaims.email, "grace@example.com");
      assert.equal(idClaims.email_verified, true);
      assert.ok(!("name" in idClaims), "the client may not read name");
      assert.deepEqual(idClaims["cognito:groups"], ["admins", "staff"]);
      assert.equal(idClaims.iss, `${cognate.url}/${poolId}`);
      assert.equal(typeof idClaims.origin_jti, "string");
      assert.equal(typeof idClaims.event_id, "string");

      const accessClaims = decodeJwt(tokens.AccessToken);
      assert.equal(accessClaims.sub, sub);
      assert.equal(accessClaims.username, "grace");
      assert.equal(accessClaims.client_id, clientId);
      assert.equal(accessClaims.scope, "aws.cognito.signin.user.admin");
      assert.deepEqual(accessClaims["cognito:groups"], ["admins", "staff"]);
      assert.ok(!("aud" in accessClaims) && !("email" in accessClaims));
      assert.equal(accessClaims.origin_jti, idClaims.origin_jti);
      assert.equal(accessClaims.auth_time, idClaims.auth_time);
    });

    test("token lifetimes follow the client's validity settings; ExpiresIn is the access token's", async () => {
      const { tokens } = await signIn(cognate, cognito, {
        AccessTokenValidity: 5,
        IdTokenValidity: 2,
        TokenValidityUnits: { AccessToken: "minutes", IdToken: "hours" },
      });
      assert.equal(tokens.ExpiresIn, 300);
      assert.equal(tokens.TokenType, "Bearer");
      const idClaims = decodeJwt(tokens.IdToken);
      const accessClaims = decodeJwt(tokens.AccessToken);
      assert.equal(idClaims.exp! - idClaims.iat!, 7200);
      assert.equal(accessClaims.exp! - accessClaims.iat!, 300);
    });

    test("the refresh token is opaque, shaped like Cognito's five-segment JWE", async () => {
      const { tokens } = await signIn(cognate, cognito);
      const segments = tokens.RefreshToken.split(".");
      assert.equal(segments.length, 5);
      assert.equal(segments[0], "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ");
    });

    test("a refresh issues new, verifiable ID and access tokens with the same origin_jti and auth_time, and no refresh token", async () => {
      const { poolId, clientId, tokens } = await signIn(cognate, cognito);
      const refreshed = await refreshWith(cognate, poolId, clientId, tokens.RefreshToken);
      assert.equal(refreshed.RefreshToken, undefined);
      const verifiers = localVerifiers(cognate, poolId, clientId);
      const idClaims = await verifiers.id.verify(refreshed.IdToken!);
      const accessClaims = await verifiers.access.verify(refreshed.AccessToken!);
      const original = decodeJwt(tokens.IdToken);
      for (const claims of [idClaims, accessClaims]) {
        assert.equal(claims.origin_jti, original.origin_jti);
        assert.equal(claims.auth_time, original.auth_time);
      }
      assert.notEqual(idClaims.jti, original.jti);
    });

    test("a revoked refresh token fails as revoked; an unknown one, or another client's, as invalid", async () => {
      const { poolId, clientId, tokens } = await signIn(cognate, cognito);
      const { UserPoolClient: other } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "other" }));
      await rejectsWithCognitoError(
        refreshWith(cognate, poolId, other!.ClientId!, tokens.RefreshToken),
        "NotAuthorizedException",
        INVALID_REFRESH_TOKEN,
      );
      const forged = tokens.RefreshToken.replace(/.$/, (last) => (last === "A" ? "B" : "A"));
      await rejectsWithCognitoError(refreshWith(cognate, poolId, clientId, forged), "NotAuthorizedException", INVALID_REFRESH_TOKEN);

      await cognate.app.deps.store.refreshTokens.revoke(refreshTokenId(tokens.RefreshToken), await cognate.app.clock.now());
      await rejectsWithCognitoError(
        refreshWith(cognate, poolId, clientId, tokens.RefreshToken),
        "NotAuthorizedException",
        REVOKED_REFRESH_TOKEN,
      );
    });

    test("a disabled user's refresh token no longer yields tokens", async () => {
      const { poolId, clientId, username, tokens } = await signIn(cognate, cognito);
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
      await rejectsWithCognitoError(
        refreshWith(cognate, poolId, clientId, tokens.RefreshToken),
        "NotAuthorizedException",
        "User is disabled.",
      );
    });

    test("the discovery document names the issuer, the JWKS address and Cognito's capabilities", async () => {
      const { poolId } = await signIn(cognate, cognito);
      const { status, body } = await getJson(`${cognate.url}/${poolId}/.well-known/openid-configuration`);
      assert.equal(status, 200);
      assert.deepEqual(body, {
        authorization_endpoint: `${cognate.url}/oauth2/authorize`,
        end_session_endpoint: `${cognate.url}/logout`,
        id_token_signing_alg_values_supported: ["RS256"],
        issuer: `${cognate.url}/${poolId}`,
        jwks_uri: `${cognate.url}/${poolId}/.well-known/jwks.json`,
        response_types_supported: ["code", "token"],
        revocation_endpoint: `${cognate.url}/oauth2/revoke`,
        scopes_supported: ["openid", "email", "phone", "profile"],
        subject_types_supported: ["public"],
        token_endpoint: `${cognate.url}/oauth2/token`,
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        userinfo_endpoint: `${cognate.url}/oauth2/userInfo`,
      });
    });

    test("an unknown pool has no JWKS and no discovery document", async () => {
      for (const document of ["jwks.json", "openid-configuration"]) {
        const { status, body } = await getJson(`${cognate.url}/us-east-1_NoSuchPoo/.well-known/${document}`);
        assert.equal(status, 404);
        assert.deepEqual(body, { __type: "ResourceNotFoundException", message: "User pool us-east-1_NoSuchPoo does not exist." });
      }
    });
  });

  describe(`tokens with the AWS issuer form (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend, env: { COGNATE_TOKEN_ISSUER: "aws" } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("unmodified CognitoJwtVerifier code verifies both tokens once the JWKS is preloaded", async () => {
      const { poolId, clientId, tokens } = await signIn(cognate, cognito);
      const jwks = await jwksOf(cognate, poolId);
      const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "id", clientId });
      const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "access", clientId });
      idVerifier.cacheJwks(jwks);
      accessVerifier.cacheJwks(jwks);
      const idClaims = await idVerifier.verify(tokens.IdToken);
      await accessVerifier.verify(tokens.AccessToken);
      assert.equal(idClaims.iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    });

    test("the discovery document names the AWS issuer but the JWKS where Cognate serves it", async () => {
      const { poolId } = await signIn(cognate, cognito);
      const { body } = await getJson(`${cognate.url}/${poolId}/.well-known/openid-configuration`);
      assert.equal(body.issuer, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
      assert.equal(body.jwks_uri, `${cognate.url}/${poolId}/.well-known/jwks.json`);
    });
  });

  describe(`signing keys in the database (${backend})`, () => {
    test("keys survive a restart: the same kids are published and earlier tokens still verify", async () => {
      const database = await freshDatabase(backend);
      try {
        const first = await startCognate({ db: database.db });
        let signedIn: SignedIn;
        let kidsBefore: string[];
        try {
          signedIn = await signIn(first, first.client());
          kidsBefore = kidsOf(await jwksOf(first, signedIn.poolId));
        } finally {
          await first.close();
        }
        const second = await startCognate({ db: database.db });
        try {
          assert.deepEqual(kidsOf(await jwksOf(second, signedIn.poolId)), kidsBefore);
          const issuer = `${first.url}/${signedIn.poolId}`;
          const verifier = JwtVerifier.create(
            { issuer, audience: signedIn.clientId, jwksUri: `${second.url}/${signedIn.poolId}/.well-known/jwks.json` },
            { jwksCache: httpJwksCache() },
          );
          await verifier.verify(signedIn.tokens.IdToken);
          const newTokens = await issueFor(second, signedIn.poolId, signedIn.clientId, signedIn.username);
          assert.equal(decodeProtectedHeader(newTokens.IdToken).kid, decodeProtectedHeader(signedIn.tokens.IdToken).kid);
        } finally {
          await second.close();
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}

describe("two instances on one PostgreSQL database", () => {
  test("agree on a pool's keys, even when both create them at once", async () => {
    const database = await freshDatabase("postgres");
    try {
      const a = await startCognate({ db: database.db });
      const b = await startCognate({ db: database.db });
      try {
        const { UserPool } = await a.client().send(new CreateUserPoolCommand({ PoolName: "shared" }));
        const poolId = UserPool!.Id!;
        const [fromA, fromB] = await Promise.all([jwksOf(a, poolId), jwksOf(b, poolId)]);
        assert.equal(fromA.keys.length, 2);
        assert.deepEqual(kidsOf(fromB), kidsOf(fromA));

        const { UserPoolClient } = await b.client().send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }));
        await b.client().send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "ada", MessageAction: "SUPPRESS" }));
        const tokens = await issueFor(b, poolId, UserPoolClient!.ClientId!, "ada");
        const verifier = JwtVerifier.create(
          { issuer: `${b.url}/${poolId}`, audience: UserPoolClient!.ClientId!, jwksUri: `${a.url}/${poolId}/.well-known/jwks.json` },
          { jwksCache: httpJwksCache() },
        );
        await verifier.verify(tokens.IdToken);
        const refreshed = await refreshWith(a, poolId, UserPoolClient!.ClientId!, tokens.RefreshToken);
        assert.equal(decodeJwt(refreshed.IdToken!).origin_jti, decodeJwt(tokens.IdToken).origin_jti);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await database.cleanup();
    }
  });
});
