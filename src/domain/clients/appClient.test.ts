import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { CreateUserPoolClientRequest } from "@aws-sdk/client-cognito-identity-provider";
import { newUserPool } from "../pools/userPool.js";
import { cryptoRandom, type Random } from "../random.js";
import { newAppClient, newClientId, preventsUserExistenceErrors, tokenRevocationEnabled } from "./appClient.js";
import { clientCanReadAttribute, clientCanWriteAttribute } from "./attributePermissions.js";
import { authFlowEnabled } from "./authFlows.js";
import { authSessionSeconds, tokenLifetimes } from "./tokenValidity.js";
import type { ClientRecord } from "./types.js";

const now = new Date("2025-01-01T00:00:00Z");
const pool = newUserPool({ PoolName: "p" }, { id: "us-east-1_abcdefghi", region: "us-east-1", now });

function client(settings: Partial<CreateUserPoolClientRequest> = {}, random: Random = cryptoRandom): ClientRecord {
  return newAppClient(pool, { UserPoolId: pool.id, ClientName: "app", ...settings }, { clientId: newClientId(random), random, now, identityProviders: new Set() });
}

describe("token lifetimes", () => {
  it("are one hour for access and ID tokens and 30 days for refresh tokens by default", () => {
    assert.deepEqual(tokenLifetimes(client()), { accessSeconds: 3600, idSeconds: 3600, refreshSeconds: 30 * 86_400 });
  });

  it("read access and ID validities in hours and refresh validity in days unless units say otherwise", () => {
    assert.deepEqual(tokenLifetimes(client({ AccessTokenValidity: 2, IdTokenValidity: 3, RefreshTokenValidity: 7 })), {
      accessSeconds: 2 * 3600,
      idSeconds: 3 * 3600,
      refreshSeconds: 7 * 86_400,
    });
    const inUnits = client({
      AccessTokenValidity: 10,
      IdTokenValidity: 600,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "seconds", RefreshToken: "minutes" },
    });
    assert.deepEqual(tokenLifetimes(inUnits), { accessSeconds: 600, idSeconds: 600, refreshSeconds: 5400 });
  });

  it("keep the one-hour default when only a unit is given", () => {
    assert.equal(tokenLifetimes(client({ TokenValidityUnits: { AccessToken: "minutes" } })).accessSeconds, 3600);
  });

  it("authentication sessions last AuthSessionValidity minutes, 3 by default", () => {
    assert.equal(authSessionSeconds(client()), 180);
    assert.equal(authSessionSeconds(client({ AuthSessionValidity: 15 })), 900);
  });
});

describe("auth flows", () => {
  it("a client naming no flows allows SRP, custom and refresh sign-in only", () => {
    const plain = client();
    for (const flow of ["USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"] as const) {
      assert.equal(authFlowEnabled(plain, flow), true, flow);
    }
    for (const flow of ["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "USER_AUTH"] as const) {
      assert.equal(authFlowEnabled(plain, flow), false, flow);
    }
  });

  it("ALLOW_ values enable exactly their flows; ALLOW_ADMIN_USER_PASSWORD_AUTH also covers ADMIN_NO_SRP_AUTH", () => {
    const admin = client({ ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
    assert.equal(authFlowEnabled(admin, "ADMIN_USER_PASSWORD_AUTH"), true);
    assert.equal(authFlowEnabled(admin, "ADMIN_NO_SRP_AUTH"), true);
    assert.equal(authFlowEnabled(admin, "USER_SRP_AUTH"), false);
    assert.equal(authFlowEnabled(admin, "REFRESH_TOKEN_AUTH"), true);
  });

  it("legacy lists keep SRP, custom and refresh sign-in unless they say CUSTOM_AUTH_FLOW_ONLY", () => {
    const legacy = client({ ExplicitAuthFlows: ["USER_PASSWORD_AUTH"] });
    assert.equal(authFlowEnabled(legacy, "USER_PASSWORD_AUTH"), true);
    assert.equal(authFlowEnabled(legacy, "USER_SRP_AUTH"), true);
    assert.equal(authFlowEnabled(legacy, "ADMIN_USER_PASSWORD_AUTH"), false);
    const customOnly = client({ ExplicitAuthFlows: ["CUSTOM_AUTH_FLOW_ONLY"] });
    assert.equal(authFlowEnabled(customOnly, "CUSTOM_AUTH"), true);
    assert.equal(authFlowEnabled(customOnly, "USER_SRP_AUTH"), false);
  });
});

describe("attribute permissions", () => {
  it("without lists, users read every attribute but developer-only ones and write all but those Cognito sets", () => {
    const plain = client();
    assert.equal(clientCanReadAttribute(plain, "custom:team"), true);
    assert.equal(clientCanReadAttribute(plain, "email_verified"), true);
    assert.equal(clientCanReadAttribute(plain, "dev:custom:level"), false);
    assert.equal(clientCanWriteAttribute(plain, "email"), true);
    assert.equal(clientCanWriteAttribute(plain, "email_verified"), false);
    assert.equal(clientCanWriteAttribute(plain, "sub"), false);
  });

  it("with lists, exactly the listed attributes", () => {
    const listed = client({ ReadAttributes: ["email"], WriteAttributes: ["name"] });
    assert.equal(clientCanReadAttribute(listed, "email"), true);
    assert.equal(clientCanReadAttribute(listed, "name"), false);
    assert.equal(clientCanWriteAttribute(listed, "name"), true);
    assert.equal(clientCanWriteAttribute(listed, "email"), false);
  });
});

describe("client settings used at sign-in", () => {
  it("user existence errors are shown (LEGACY) unless the client says ENABLED", () => {
    assert.equal(preventsUserExistenceErrors(client()), false);
    assert.equal(preventsUserExistenceErrors(client({ PreventUserExistenceErrors: "ENABLED" })), true);
  });

  it("token revocation is on unless turned off", () => {
    assert.equal(tokenRevocationEnabled(client()), true);
    assert.equal(tokenRevocationEnabled(client({ EnableTokenRevocation: false })), false);
  });
});

describe("ids and secrets", () => {
  it("client ids are 26 lowercase alphanumerics and secrets 256 random bits in base 32", () => {
    const ones: Random = { bytes: (length) => Buffer.alloc(length, 0xff), uuid: () => "" };
    const maxed = client({ GenerateSecret: true }, ones);
    assert.match(maxed.clientId, /^[a-v0-9]{26}$/);
    assert.equal(maxed.secrets[0]?.value, (2n ** 256n - 1n).toString(32));
    assert.equal(maxed.secrets[0]?.value.length, 52);
  });
});
