import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import * as oidc from "openid-client";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { Browser } from "../helpers/cookieBrowser.js";
import { signInAtOidcProvider, startOidcProvider } from "../helpers/openIdProvider.js";

const CALLBACK = "http://localhost:3000/callback";

for (const backend of backends) {
  describe(`OIDC federation against a real OpenID provider (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let idp: { issuer: string; close(): Promise<void> };
    let poolId: string;
    let clientId: string;
    const names = new Map<string, string>();
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      idp = await startOidcProvider(`${cognate.url}/oauth2/idpresponse`, (id) => names.get(id) ?? `Name of ${id}`);
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "federated" }));
      poolId = UserPool!.Id!;
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "CorpIdP",
          ProviderType: "OIDC",
          ProviderDetails: {
            client_id: "cognate",
            client_secret: "cognate-secret-at-the-idp",
            authorize_scopes: "openid email profile",
            attributes_request_method: "GET",
            oidc_issuer: idp.issuer,
          },
          AttributeMapping: { email: "email", email_verified: "email_verified", name: "name" },
          IdpIdentifiers: ["corp.example"],
        }),
      );
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "web",
          SupportedIdentityProviders: ["COGNITO", "CorpIdP"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email", "profile"],
          CallbackURLs: [CALLBACK],
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      clientId = UserPoolClient!.ClientId!;
    });
    after(() => Promise.all([cognate.close(), idp.close()]));

    const signInThroughProvider = (browser: Browser, authorizeUrl: string, account: string) => signInAtOidcProvider(browser, authorizeUrl, account, idp.issuer, CALLBACK);

    test("identity_provider: the provider's user becomes an EXTERNAL_PROVIDER user with mapped attributes, identities and the provider's group, and openid-client gets verified tokens", async () => {
      const config = await oidc.discovery(new URL(`${cognate.url}/${poolId}`), clientId, undefined, oidc.None(), {
        execute: [oidc.allowInsecureRequests],
      });
      const verifier = oidc.randomPKCECodeVerifier();
      const authorizeUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid email profile",
        state: "st-1",
        nonce: "n-1",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        identity_provider: "CorpIdP",
      });
      const back = await signInThroughProvider(new Browser(), authorizeUrl.href, "ada");
      assert.equal(back.searchParams.get("state"), "st-1");
      const tokens = await oidc.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: "st-1", expectedNonce: "n-1" });

      const issuer = `${cognate.url}/${poolId}`;
      const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
      const id = await JwtVerifier.create({ issuer, audience: clientId, jwksUri: `${issuer}/.well-known/jwks.json` }, { jwksCache }).verify(tokens.id_token!);
      assert.equal(id["cognito:username"], "CorpIdP_ada");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_CorpIdP`]);
      assert.equal(id.email, "ada@corp.example");
      assert.equal(id.email_verified, true);
      assert.equal(id.name, "Name of ada");
      const identities = id.identities as Array<Record<string, unknown>>;
      assert.equal(identities.length, 1);
      assert.deepEqual({ ...identities[0], dateCreated: undefined }, {
        userId: "ada",
        providerName: "CorpIdP",
        providerType: "OIDC",
        issuer: null,
        primary: "true",
        dateCreated: undefined,
      });
      assert.match(String(identities[0]!.dateCreated), /^\d+$/);

      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "CorpIdP_ada" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
      assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "email")?.Value, "ada@corp.example");
      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "CorpIdP_ada" }));
      assert.deepEqual(groups.Groups!.map((group) => group.GroupName), [`${poolId}_CorpIdP`]);
    });

    test("idp_identifier finds the provider; a second sign-in signs into the same user and refreshes its mapped attributes", async () => {
      const query = (state: string) =>
        new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", idp_identifier: "corp.example", state });
      const first = await signInThroughProvider(new Browser(), `${cognate.url}/oauth2/authorize?${query("a")}`, "bob");
      assert.ok(first.searchParams.get("code"));
      names.set("bob", "Robert");
      const second = await signInThroughProvider(new Browser(), `${cognate.url}/oauth2/authorize?${query("b")}`, "bob");
      assert.equal(second.searchParams.get("state"), "b");
      assert.ok(second.searchParams.get("code"));
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "CorpIdP_bob" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
      assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "name")?.Value, "Robert");
    });

    test("an EXTERNAL_PROVIDER user has no password to sign in with until AdminSetUserPassword gives one, which confirms it", async () => {
      const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid", identity_provider: "CorpIdP" });
      await signInThroughProvider(new Browser(), `${cognate.url}/oauth2/authorize?${query}`, "carol");
      const signIn = (password: string) =>
        cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "CorpIdP_carol", PASSWORD: password } }),
        );
      await rejectsWith(signIn("Any-passw0rd"), NotAuthorizedException, "Incorrect username or password.");

      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "CorpIdP_carol", Password: "Native-passw0rd", Permanent: true }));
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "CorpIdP_carol" }));
      assert.equal(user.UserStatus, "CONFIRMED");
      const native = await signIn("Native-passw0rd");
      assert.ok(native.AuthenticationResult?.IdToken);
    });

    test("the login page links to each of the client's providers, and its link signs in there", async () => {
      const browser = new Browser();
      const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid", state: "page" });
      const authorize = await browser.get(`${cognate.url}/oauth2/authorize?${query}`);
      const login = await browser.get(new URL(authorize.headers.get("location")!, cognate.url).href);
      const html = await login.text();
      const href = /<a href="([^"]+)">CorpIdP<\/a>/.exec(html)?.[1];
      assert.ok(href !== undefined, "the page links to CorpIdP");
      const link = new URL(href.replace(/&#38;|&amp;/g, "&"), cognate.url);
      assert.equal(link.pathname, "/oauth2/authorize");
      assert.equal(link.searchParams.get("identity_provider"), "CorpIdP");
      const back = await signInThroughProvider(browser, link.href, "dave");
      assert.equal(back.searchParams.get("state"), "page");
      assert.ok(back.searchParams.get("code"));
    });

    test("AdminLinkProviderForUser by another claim than the subject (OIDC): the identity with that email signs into the native user", async () => {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "erin-native", MessageAction: "SUPPRESS" }));
      await cognito.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: poolId,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "erin-native" },
          SourceUser: { ProviderName: "CorpIdP", ProviderAttributeName: "email", ProviderAttributeValue: "erin@corp.example" },
        }),
      );
      const config = await oidc.discovery(new URL(`${cognate.url}/${poolId}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const authorizeUrl = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid email", state: "erin", identity_provider: "CorpIdP" });
      const back = await signInThroughProvider(new Browser(), authorizeUrl.href, "erin");
      const tokens = await oidc.authorizationCodeGrant(config, back, { expectedState: "erin" });
      const id = JSON.parse(Buffer.from(tokens.id_token!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
      assert.equal(id["cognito:username"], "erin-native");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_CorpIdP`]);
    });

    test("a provider the client does not support goes back with invalid_request; a forged state is refused on a page", async () => {
      const refused = await fetch(
        `${cognate.url}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, identity_provider: "Other", state: "s" })}`,
        { redirect: "manual" },
      );
      assert.equal(refused.status, 302);
      const location = new URL(refused.headers.get("location")!);
      assert.equal(location.searchParams.get("error"), "invalid_request");
      assert.equal(location.searchParams.get("state"), "s");

      const forged = await fetch(`${cognate.url}/oauth2/idpresponse?code=x&state=${Buffer.from(JSON.stringify({ poolId })).toString("base64url")}.bad`, {
        redirect: "manual",
      });
      assert.equal(forged.status, 400);
    });
  });

  describe(`the UserFederation quota (${backend})`, () => {
    let cognate: RunningCognate;
    before(async () => {
      cognate = await startCognate({ backend, env: { COGNATE_RATE_LIMITS: JSON.stringify({ UserFederation: 1 }) } });
    });
    after(() => cognate.close());

    test("answers from identity providers over the UserFederation rate are refused with 429 Rate exceeded", async () => {
      const answers = await Promise.all(
        [1, 2, 3].map(async () => {
          const response = await fetch(`${cognate.url}/oauth2/idpresponse?code=c&state=not-cognates`, { redirect: "manual" });
          return { status: response.status, body: await response.text() };
        }),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      assert.equal(statuses[0], 400, "the first answer within the rate is checked (its state is not Cognate's)");
      const throttled = answers.filter((answer) => answer.status === 429);
      assert.ok(throttled.length >= 1, `some answer over the rate is throttled: ${statuses.join(", ")}`);
      assert.match(throttled[0]!.body, /Rate exceeded/);
    });
  });
}
