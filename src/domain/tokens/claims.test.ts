import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeProtectedHeader, exportJWK, importJWK, jwtVerify } from "jose";
import type { UserRecord } from "../users/types.js";
import { accessTokenClaims, idTokenClaims, signJwt, type Issuance } from "./claims.js";
import { newSigningKey, privateKeyOf } from "./keys.js";

const user: UserRecord = {
  poolId: "eu-west-1_claims",
  username: "Internal-Name",
  usernameKey: "internal-name",
  sub: "7d0f3b1c-0000-4000-8000-000000000001",
  status: "CONFIRMED",
  enabled: true,
  attributes: {
    sub: "7d0f3b1c-0000-4000-8000-000000000001",
    email: "ada@example.com",
    email_verified: "true",
    phone_number: "+15550100",
    phone_number_verified: "false",
    "custom:tier": "7",
    identities: '[{"providerName":"Google","userId":"123"}]',
    "dev:custom:secret": "hidden",
  },
  aliases: {},
  createdAt: new Date("2024-01-01T00:00:00Z"),
  lastModifiedAt: new Date("2024-01-01T00:00:00Z"),
};

function issuance(overrides: Partial<Issuance> = {}): Issuance {
  return {
    issuer: "http://127.0.0.1:9229/eu-west-1_claims",
    clientId: "client0123456789abcdefghij",
    user,
    groups: { groups: [], roles: [] },
    authentication: { originJti: "origin-1", authTime: 1_700_000_000 },
    revocable: true,
    eventId: "event-1",
    issuedAt: 1_700_000_100,
    scope: "aws.cognito.signin.user.admin",
    ...overrides,
  };
}

const everything = () => true;
const id = { jti: "jti-id", lifetimeSeconds: 3600 };
const access = { jti: "jti-access", lifetimeSeconds: 300 };

describe("ID token claims", () => {
  test("carry identity, audience, times and ids as Cognito's do", () => {
    const claims = idTokenClaims(issuance(), everything, id);
    assert.equal(claims.sub, user.sub);
    assert.equal(claims.aud, "client0123456789abcdefghij");
    assert.equal(claims.iss, "http://127.0.0.1:9229/eu-west-1_claims");
    assert.equal(claims["cognito:username"], "Internal-Name");
    assert.equal(claims.token_use, "id");
    assert.equal(claims.auth_time, 1_700_000_000);
    assert.equal(claims.iat, 1_700_000_100);
    assert.equal(claims.exp, 1_700_003_700);
    assert.equal(claims.jti, "jti-id");
    assert.equal(claims.origin_jti, "origin-1");
    assert.equal(claims.event_id, "event-1");
  });

  test("verification flags are booleans, identities a parsed array, other attributes strings", () => {
    const claims = idTokenClaims(issuance(), everything, id);
    assert.equal(claims.email_verified, true);
    assert.equal(claims.phone_number_verified, false);
    assert.deepEqual(claims.identities, [{ providerName: "Google", userId: "123" }]);
    assert.equal(claims["custom:tier"], "7");
    assert.equal(claims.email, "ada@example.com");
  });

  test("hold only the attributes the client may read", () => {
    const readable = (name: string) => name === "email";
    const claims = idTokenClaims(issuance(), readable, id);
    assert.equal(claims.email, "ada@example.com");
    for (const hidden of ["email_verified", "phone_number", "custom:tier", "identities", "dev:custom:secret"]) {
      assert.ok(!(hidden in claims), `${hidden} should not be in the token`);
    }
    assert.equal(claims.sub, user.sub, "sub is always there, readable or not");
  });

  test("groups, roles and the preferred role appear only when the user has them", () => {
    const none = idTokenClaims(issuance(), everything, id);
    for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) assert.ok(!(claim in none));
    const role = "arn:aws:iam::123456789012:role/admin";
    const some = idTokenClaims(issuance({ groups: { groups: ["admins", "users"], roles: [role], preferredRole: role } }), everything, id);
    assert.deepEqual(some["cognito:groups"], ["admins", "users"]);
    assert.deepEqual(some["cognito:roles"], [role]);
    assert.equal(some["cognito:preferred_role"], role);
  });

  test("origin_jti is left out when the client has token revocation off", () => {
    assert.ok(!("origin_jti" in idTokenClaims(issuance({ revocable: false }), everything, id)));
    assert.ok(!("origin_jti" in accessTokenClaims(issuance({ revocable: false }), access)));
  });
});

describe("access token claims", () => {
  test("name the client and the internal username, with the admin scope and no audience or attributes", () => {
    const role = "arn:aws:iam::123456789012:role/admin";
    const claims = accessTokenClaims(issuance({ groups: { groups: ["admins"], roles: [role], preferredRole: role } }), access);
    assert.deepEqual(claims, {
      sub: user.sub,
      "cognito:groups": ["admins"],
      iss: "http://127.0.0.1:9229/eu-west-1_claims",
      client_id: "client0123456789abcdefghij",
      origin_jti: "origin-1",
      event_id: "event-1",
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      auth_time: 1_700_000_000,
      exp: 1_700_000_400,
      iat: 1_700_000_100,
      jti: "jti-access",
      username: "Internal-Name",
    });
  });
});

describe("signing", () => {
  test("a signed token carries only kid and alg in its header and verifies with the key's public JWK", async () => {
    const key = await newSigningKey("eu-west-1_claims", "id", new Date());
    const token = await signJwt(key, { sub: "someone", iat: 1, exp: 4_000_000_000 });
    assert.deepEqual(decodeProtectedHeader(token), { kid: key.kid, alg: "RS256" });
    const { payload } = await jwtVerify(token, await importJWK(key.publicJwk, "RS256"));
    assert.equal(payload.sub, "someone");
    const privateHalf = await exportJWK(privateKeyOf(key));
    assert.equal(privateHalf.n, key.publicJwk.n, "the public JWK is the signing key's own");
  });
});
