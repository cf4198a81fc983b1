import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import {
  CreateResourceServerCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, PASSWORD, SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";

/** A browser's part of the flow: follows nothing by itself, keeps the CSRF cookie, posts the form as a browser would. */
class Browser {
  cookie: string | undefined;
  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.base), { redirect: "manual", headers: this.cookie === undefined ? {} : { cookie: this.cookie } });
    this.keep(response);
    return response;
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(this.cookie === undefined ? {} : { cookie: this.cookie }) },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  private keep(response: Response): void {
    const set = response.headers.get("set-cookie");
    if (set !== null) this.cookie = set.split(";")[0];
  }
}

/** The form's action and hidden `_csrf`, read from the page as a browser would. */
function formOf(html: string): { action: string; csrf: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(action !== undefined && csrf !== undefined, "the page has the sign-in form");
  return { action: action.replace(/&#38;/g, "&"), csrf };
}

for (const backend of backends) {
  describe(`hosted sign-in: authorize, the login page, the code exchange and userInfo (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let poolId: string;
    let clientId: string;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      await cognito.send(
        new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "orders", Name: "Orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }] }),
      );
      ({ clientId } = await fixture.client(poolId, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code", "implicit"],
        AllowedOAuthScopes: ["openid", "email", "orders/read"],
        CallbackURLs: [CALLBACK],
      }));
      await fixture.confirmedUser(poolId, "alice", [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "phone_number", Value: "+15550100" },
      ]);
    });
    after(() => cognate.close());

    function authorizeQuery(extra: Record<string, string> = {}): string {
      return new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, ...extra }).toString();
    }

    async function signInThroughPages(browser: Browser, query: string, password = PASSWORD): Promise<Response> {
      const authorize = await browser.get(`/oauth2/authorize?${query}`);
      assert.equal(authorize.status, 302);
      const login = await browser.get(authorize.headers.get("location")!);
      assert.equal(login.status, 200);
      assert.match(login.headers.get("set-cookie") ?? "", /^XSRF-TOKEN=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
      const { action, csrf } = formOf(await login.text());
      return browser.post(action, { _csrf: csrf, username: "alice", password });
    }

    test("code with PKCE and nonce: the tokens carry scope, nonce, at_hash and auth_time; userInfo answers by scope; the code works once", async () => {
      const verifier = randomBytes(48).toString("base64url");
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const query = authorizeQuery({ scope: "openid email orders/read", state: "st-1", nonce: "n-1", code_challenge: challenge, code_challenge_method: "S256" });
      const signedIn = await signInThroughPages(new Browser(cognate.url), query);
      assert.equal(signedIn.status, 302);
      const back = new URL(signedIn.headers.get("location")!);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get("state"), "st-1");
      const code = back.searchParams.get("code")!;

      const exchange = (fields: Record<string, string>) =>
        fetch(`${cognate.url}/oauth2/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, redirect_uri: CALLBACK, ...fields }).toString(),
        });
      const response = await exchange({ code, code_verifier: verifier });
      assert.equal(response.status, 200);
      const tokens = (await response.json()) as Record<string, string>;
      assert.deepEqual(Object.keys(tokens).sort(), ["access_token", "expires_in", "id_token", "refresh_token", "token_type"]);

      const issuer = `${cognate.url}/${poolId}`;
      const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
      const id = await JwtVerifier.create({ issuer, audience: clientId, jwksUri: `${issuer}/.well-known/jwks.json` }, { jwksCache }).verify(tokens.id_token!);
      assert.equal(id.nonce, "n-1");
      assert.equal(id.email, "alice@example.com");
      assert.equal(typeof id.auth_time, "number");
      const digest = createHash("sha256").update(tokens.access_token!).digest();
      assert.equal(id.at_hash, digest.subarray(0, 16).toString("base64url"));
      assert.equal(claimsOf(tokens.access_token).scope, "openid email orders/read");
      assert.equal(claimsOf(tokens.access_token).username, "alice");

      const info = await fetch(`${cognate.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(info.status, 200);
      const claims = (await info.json()) as Record<string, string>;
      assert.deepEqual(claims, { sub: id.sub, email: "alice@example.com", email_verified: "true", username: "alice" });

      // Used once: the same code, even with the right verifier, is invalid_grant.
      assert.deepEqual(await (await exchange({ code, code_verifier: verifier })).json(), { error: "invalid_grant" });

      const refreshed = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", client_id: clientId, refresh_token: tokens.refresh_token! }).toString(),
      });
      assert.equal(refreshed.status, 200);
      const renewed = (await refreshed.json()) as Record<string, string>;
      // A refresh keeps what the sign-in granted: its scopes, and an ID token because openid is among them.
      assert.equal(claimsOf(renewed.access_token).scope, "openid email orders/read");
      assert.equal(claimsOf(renewed.id_token).sub, id.sub);
    });

    test("a wrong PKCE verifier, another redirect_uri or an expired code is invalid_grant", async () => {
      const verifier = randomBytes(48).toString("base64url");
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const codeOf = async () => {
        const signedIn = await signInThroughPages(new Browser(cognate.url), authorizeQuery({ code_challenge: challenge, code_challenge_method: "S256" }));
        return new URL(signedIn.headers.get("location")!).searchParams.get("code")!;
      };
      const exchange = async (fields: Record<string, string>) =>
        (
          await fetch(`${cognate.url}/oauth2/token`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, ...fields }).toString(),
          })
        ).json();
      assert.deepEqual(await exchange({ code: await codeOf(), redirect_uri: CALLBACK, code_verifier: "wrong".repeat(10) }), { error: "invalid_grant" });
      assert.deepEqual(await exchange({ code: await codeOf(), redirect_uri: CALLBACK }), { error: "invalid_grant" });
      assert.deepEqual(await exchange({ code: await codeOf(), redirect_uri: `${CALLBACK}/other`, code_verifier: verifier }), { error: "invalid_grant" });
      const late = await codeOf();
      await fixture.advanceClock(301);
      assert.deepEqual(await exchange({ code: late, redirect_uri: CALLBACK, code_verifier: verifier }), { error: "invalid_grant" });
    });

    test("implicit: the tokens come back in the fragment, without a refresh token", async () => {
      const signedIn = await signInThroughPages(new Browser(cognate.url), authorizeQuery({ response_type: "token", scope: "openid", state: "s" }));
      const location = signedIn.headers.get("location")!;
      assert.ok(location.startsWith(`${CALLBACK}#`));
      const fragment = new URLSearchParams(location.slice(location.indexOf("#") + 1));
      assert.deepEqual([...fragment.keys()].sort(), ["access_token", "expires_in", "id_token", "state", "token_type"]);
      assert.equal(claimsOf(fragment.get("access_token")!).scope, "openid");
    });

    test("an unknown client or redirect_uri is an error page, never a redirect; other errors go back with state", async () => {
      const browser = new Browser(cognate.url);
      for (const query of [
        authorizeQuery({ redirect_uri: "https://evil.example.com/callback" }),
        authorizeQuery({ client_id: "nosuchclient" }),
        new URLSearchParams({ response_type: "code", client_id: clientId }).toString(),
      ]) {
        const response = await browser.get(`/oauth2/authorize?${query}`);
        assert.equal(response.status, 400);
        assert.equal(response.headers.get("location"), null);
        assert.match(await response.text(), /An error was encountered with the requested page\./);
      }
      const cases: [Record<string, string>, string][] = [
        [{ scope: "phone" }, "invalid_scope"],
        [{ scope: "email" }, "invalid_scope"],
        [{ response_type: "id_token" }, "invalid_request"],
        [{ code_challenge: "abc", code_challenge_method: "plain" }, "invalid_request"],
      ];
      for (const [extra, error] of cases) {
        const response = await browser.get(`/oauth2/authorize?${authorizeQuery({ state: "xyz", ...extra })}`);
        assert.equal(response.status, 302, JSON.stringify(extra));
        assert.equal(response.headers.get("location"), `${CALLBACK}?error=${error}&state=xyz`);
      }
    });

    test("the login page: a wrong password is shown and the name kept; a form without its cookie is refused", async () => {
      const refused = await signInThroughPages(new Browser(cognate.url), authorizeQuery(), "Wrong-Passw0rd");
      assert.equal(refused.status, 400);
      const page = await refused.text();
      assert.match(page, /<p class="error errorMessage-customizable" role="alert" id="error">Incorrect username or password\.<\/p>/);
      assert.match(page, /value="alice"/);

      const browser = new Browser(cognate.url);
      const login = await browser.get(`/login?${authorizeQuery()}`);
      const { action, csrf } = formOf(await login.text());
      browser.cookie = undefined;
      const forged = await browser.post(action, { _csrf: csrf, username: "alice", password: PASSWORD });
      assert.equal(forged.status, 403);
      assert.equal(forged.headers.get("location"), null);
    });

    test("userInfo refuses a missing token and an API sign-in's token (no openid) with 401 and WWW-Authenticate", async () => {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice", PASSWORD } }),
      );
      const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${AuthenticationResult!.AccessToken}` }, { authorization: "Bearer not-a-token" }];
      for (const headers of attempts) {
        const refused = await fetch(`${cognate.url}/oauth2/userInfo`, { method: "POST", headers });
        assert.equal(refused.status, 401);
        assert.match(refused.headers.get("www-authenticate") ?? "", /^Bearer error="invalid_token"/);
        assert.deepEqual(await refused.json(), { error: "invalid_token" });
      }
    });

    test("revoke: the refresh token and the tokens of its sign-in stop working; an access token is unsupported_token_type", async () => {
      const signedIn = await signInThroughPages(new Browser(cognate.url), authorizeQuery({ scope: "openid email" }));
      const code = new URL(signedIn.headers.get("location")!).searchParams.get("code")!;
      const form = (path: string, fields: Record<string, string>) =>
        fetch(`${cognate.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields).toString(),
        });
      const tokens = (await (await form("/oauth2/token", { grant_type: "authorization_code", client_id: clientId, redirect_uri: CALLBACK, code })).json()) as Record<string, string>;
      const wrongKind = await form("/oauth2/revoke", { token: tokens.access_token!, client_id: clientId });
      assert.deepEqual({ status: wrongKind.status, body: await wrongKind.json() }, { status: 400, body: { error: "unsupported_token_type" } });
      assert.deepEqual((await form("/oauth2/revoke", { token: tokens.refresh_token!, client_id: "nosuchclient" })).status, 400);
      const revoked = await form("/oauth2/revoke", { token: tokens.refresh_token!, client_id: clientId });
      assert.equal(revoked.status, 200);
      assert.equal((await fetch(`${cognate.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status, 401);
      const refresh = await form("/oauth2/token", { grant_type: "refresh_token", client_id: clientId, refresh_token: tokens.refresh_token! });
      assert.deepEqual(await refresh.json(), { error: "invalid_grant" });
      assert.equal((await form("/oauth2/revoke", { token: "unknown-token", client_id: clientId })).status, 200);
    });

    test("logout goes to a registered sign-out URL or back to sign in, and shows an error page for anything else", async () => {
      const { clientId: withLogout } = await fixture.client(poolId, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
        CallbackURLs: [CALLBACK],
        LogoutURLs: ["https://app.example.com/signed-out"],
      });
      const browser = new Browser(cognate.url);
      const out = await browser.get(`/logout?client_id=${withLogout}&logout_uri=${encodeURIComponent("https://app.example.com/signed-out")}`);
      assert.equal(out.status, 302);
      assert.equal(out.headers.get("location"), "https://app.example.com/signed-out");
      assert.ok(out.headers.getSetCookie().some((cookie) => /^XSRF-TOKEN=; .*Max-Age=0/.test(cookie)));
      const again = await browser.get(`/logout?${new URLSearchParams({ client_id: withLogout, redirect_uri: CALLBACK, response_type: "code" })}`);
      assert.equal(again.status, 302);
      assert.match(again.headers.get("location")!, /^\/oauth2\/authorize\?/);
      for (const query of [`client_id=${withLogout}&logout_uri=${encodeURIComponent("https://evil.example.com/")}`, "client_id=nosuchclient&logout_uri=x", `client_id=${withLogout}`]) {
        const refused = await browser.get(`/logout?${query}`);
        assert.equal(refused.status, 400);
        assert.equal(refused.headers.get("location"), null);
      }
    });
  });
}
