import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminDisableUserCommand,
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, PASSWORD, SignInFixture } from "../helpers/signIn.js";

/** What the token endpoint answered: status, JSON body and the headers a client looks at. */
interface TokenReply {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

for (const backend of backends) {
  describe(`the OAuth 2.0 token endpoint (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let poolId: string;
    let machine: { clientId: string; secret: string };
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      await cognito.send(
        new CreateResourceServerCommand({
          UserPoolId: poolId,
          Identifier: "https://orders.example.com",
          Name: "Orders",
          Scopes: [
            { ScopeName: "read", ScopeDescription: "Read orders" },
            { ScopeName: "write", ScopeDescription: "Place orders" },
          ],
        }),
      );
      const created = await fixture.client(poolId, {
        GenerateSecret: true,
        ExplicitAuthFlows: undefined,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["https://orders.example.com/read", "https://orders.example.com/write"],
      });
      machine = { clientId: created.clientId, secret: created.secret! };
    });
    after(() => cognate.close());

    async function token(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenReply> {
      const response = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(fields).toString(),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
    }
    const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

    function accessVerifier(scope: string | string[]) {
      const issuer = `${cognate.url}/${poolId}`;
      const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
      return JwtVerifier.create(
        { issuer, audience: null, jwksUri: `${issuer}/.well-known/jwks.json`, scope, customJwtCheck: ({ payload }) => assert.equal(payload.token_use, "access") },
        { jwksCache },
      );
    }

    test("client_credentials with HTTP Basic: an access token for the client, every custom scope, verified by aws-jwt-verify", async () => {
      const reply = await token({ grant_type: "client_credentials" }, basic(machine.clientId, machine.secret));
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("cache-control"), "no-store");
      assert.deepEqual(Object.keys(reply.body).sort(), ["access_token", "expires_in", "token_type"]);
      assert.equal(reply.body.token_type, "Bearer");
      assert.equal(reply.body.expires_in, 3600);
      const claims = await accessVerifier(["https://orders.example.com/read", "https://orders.example.com/write"]).verify(
        reply.body.access_token as string,
      );
      assert.equal(claims.sub, machine.clientId);
      assert.equal(claims.client_id, machine.clientId);
      assert.equal(claims.scope, "https://orders.example.com/read https://orders.example.com/write");
      assert.equal(claims.version, 2);
      for (const userClaim of ["username", "cognito:groups", "origin_jti", "event_id"]) assert.equal(userClaim in claims, false, userClaim);
    });

    test("client_credentials with form fields and a narrower scope", async () => {
      const reply = await token({
        grant_type: "client_credentials",
        client_id: machine.clientId,
        client_secret: machine.secret,
        scope: "https://orders.example.com/read",
      });
      assert.equal(reply.status, 200);
      const claims = await accessVerifier("https://orders.example.com/read").verify(reply.body.access_token as string);
      assert.equal(claims.scope, "https://orders.example.com/read");
    });

    test("refusals carry the RFC 6749 error code alone", async () => {
      const cases: [Record<string, string>, Record<string, string>, number, string][] = [
        [{ grant_type: "client_credentials" }, basic(machine.clientId, "wrong"), 400, "invalid_client"],
        [{ grant_type: "client_credentials", client_id: machine.clientId }, {}, 400, "invalid_client"],
        [{ grant_type: "client_credentials", client_id: "nosuchclient", client_secret: "x" }, {}, 400, "invalid_client"],
        [{ grant_type: "client_credentials" }, {}, 400, "invalid_client"],
        [{ client_id: machine.clientId, client_secret: machine.secret }, {}, 400, "invalid_request"],
        [{ grant_type: "password" }, basic(machine.clientId, machine.secret), 400, "unsupported_grant_type"],
        [{ grant_type: "client_credentials", scope: "openid" }, basic(machine.clientId, machine.secret), 400, "invalid_scope"],
        [{ grant_type: "client_credentials", scope: "https://orders.example.com/delete" }, basic(machine.clientId, machine.secret), 400, "invalid_scope"],
        [{ grant_type: "refresh_token" }, basic(machine.clientId, machine.secret), 400, "invalid_request"],
      ];
      for (const [fields, headers, status, error] of cases) {
        const reply = await token(fields, headers);
        assert.deepEqual({ status: reply.status, body: reply.body }, { status, body: { error } }, JSON.stringify(fields));
      }
      const notForm = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials" }),
      });
      assert.equal(notForm.status, 400);
      assert.deepEqual(await notForm.json(), { error: "invalid_request" });
    });

    test("a client without the client_credentials flow is unauthorized_client; a deleted resource server's scope is no longer granted", async () => {
      const web = await fixture.client(poolId, { GenerateSecret: true });
      const refused = await token({ grant_type: "client_credentials" }, basic(web.clientId, web.secret!));
      assert.deepEqual(refused.body, { error: "unauthorized_client" });

      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "temp", Name: "Temp", Scopes: [{ ScopeName: "x", ScopeDescription: "x" }] }));
      const temporary = await fixture.client(poolId, {
        GenerateSecret: true,
        ExplicitAuthFlows: undefined,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["client_credentials"],
        AllowedOAuthScopes: ["temp/x"],
      });
      assert.equal((await token({ grant_type: "client_credentials" }, basic(temporary.clientId, temporary.secret!))).status, 200);
      await cognito.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: "temp" }));
      assert.deepEqual((await token({ grant_type: "client_credentials" }, basic(temporary.clientId, temporary.secret!))).body, { error: "invalid_scope" });
    });

    test("refresh_token: new ID and access tokens, a new refresh token only when the client rotates", async () => {
      await fixture.confirmedUser(poolId, "alice", [{ Name: "email", Value: "alice@example.com" }]);
      const plain = await fixture.client(poolId);
      const signIn = async (clientId: string) =>
        (
          await cognito.send(
            new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD } }),
          )
        ).AuthenticationResult!;
      const first = await signIn(plain.clientId);
      const refreshed = await token({ grant_type: "refresh_token", client_id: plain.clientId, refresh_token: first.RefreshToken! });
      assert.equal(refreshed.status, 200);
      assert.deepEqual(Object.keys(refreshed.body).sort(), ["access_token", "expires_in", "id_token", "token_type"]);
      assert.equal(claimsOf(refreshed.body.id_token as string).email, "alice@example.com");
      assert.equal(claimsOf(refreshed.body.access_token as string).origin_jti, claimsOf(first.AccessToken).origin_jti);

      const rotating = await fixture.client(poolId, { RefreshTokenRotation: { Feature: "ENABLED" } });
      const second = await signIn(rotating.clientId);
      const rotated = await token({ grant_type: "refresh_token", client_id: rotating.clientId, refresh_token: second.RefreshToken! });
      assert.equal(rotated.status, 200);
      assert.equal(typeof rotated.body.refresh_token, "string");
      assert.notEqual(rotated.body.refresh_token, second.RefreshToken);
      assert.deepEqual((await token({ grant_type: "refresh_token", client_id: rotating.clientId, refresh_token: second.RefreshToken! })).body, {
        error: "invalid_grant",
      });

      // Another client's token, a made-up one, and a disabled user's are all invalid_grant.
      for (const [clientId, refreshToken] of [
        [rotating.clientId, first.RefreshToken!],
        [plain.clientId, "made-up-refresh-token"],
      ] as const) {
        assert.deepEqual((await token({ grant_type: "refresh_token", client_id: clientId, refresh_token: refreshToken })).body, {
          error: "invalid_grant",
        });
      }
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alice" }));
      assert.deepEqual((await token({ grant_type: "refresh_token", client_id: plain.clientId, refresh_token: first.RefreshToken! })).body, {
        error: "invalid_grant",
      });
    });
  });
}
