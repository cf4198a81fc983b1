import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";
const OAUTH = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: [CALLBACK] };

/** The code an authenticator app shows for `secret` at `at`: computed by otplib, independently of Cognate. */
function totp(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

for (const backend of backends) {
  describe(`managed login pages: challenges, the managed-login session, audit (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;

    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const now = async () => new Date((await cognate.app.clock.now()).getTime());

    function authorizeQuery(clientId: string, extra: Record<string, string> = {}): string {
      return new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", state: "st", ...extra }).toString();
    }

    /** authorize → the login page → the form posted with `username` and `password`. */
    async function submitLogin(browser: Browser, clientId: string, username: string, password: string, extra: Record<string, string> = {}): Promise<Response> {
      const authorize = await browser.get(`/oauth2/authorize?${authorizeQuery(clientId, extra)}`);
      const login = await browser.follow(authorize);
      assert.equal(login.status, 200);
      const form = formOf(await login.text());
      return browser.post(form.action, { _csrf: form.csrf, username, password });
    }

    /** The challenge page a redirect leads to, and its form. */
    async function challengePage(browser: Browser, redirect: Response, path: string): Promise<{ html: string; form: ReturnType<typeof formOf> }> {
      assert.equal(redirect.status, 302);
      assert.equal(new URL(redirect.headers.get("location")!, cognate.url).pathname, path);
      const page = await browser.follow(redirect);
      assert.equal(page.status, 200);
      const html = await page.text();
      return { html, form: formOf(html) };
    }

    function codeOf(response: Response): string {
      assert.equal(response.status, 302, "back to the client");
      const back = new URL(response.headers.get("location")!);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get("state"), "st");
      return back.searchParams.get("code")!;
    }

    test("new password required: the temporary password leads to the page, which asks for missing required attributes and applies the policy", async () => {
      const poolId = await fixture.pool({ Schema: [{ Name: "email", Required: true }, { Name: "given_name", Required: true }] });
      const { clientId, secret } = await fixture.client(poolId, { ...OAUTH, GenerateSecret: true });
      await fixture.invitedUser(poolId, "rosa", [{ Name: "email", Value: "rosa@example.com" }]);
      const browser = new Browser(cognate.url);
      const { html, form } = await challengePage(browser, await submitLogin(browser, clientId, "rosa", TEMPORARY_PASSWORD), "/forceChangePassword");
      assert.match(html, /<h1[^>]*>Change password<\/h1>/);
      assert.match(html, /<label for="attribute-given_name">Given name<\/label>/);
      assert.ok(!("requiredAttributes[email]" in form.fields), "an attribute the user has is not asked for");
      assert.match(browser.cookies.get("cognito-challenge") ?? "", /^AYABe/);

      const weak = await browser.post(form.action, { _csrf: form.csrf, password: "short", confirmPassword: "short", "requiredAttributes[given_name]": "Rosa" });
      assert.equal(weak.status, 400);
      const weakPage = await weak.text();
      assert.match(weakPage, /role="alert" id="error">Password does not conform to policy: Password not long enough<\/p>/);
      const mismatch = formOf(weakPage);
      const typo = await browser.post(mismatch.action, { _csrf: mismatch.csrf, password: PASSWORD, confirmPassword: OTHER_PASSWORD, "requiredAttributes[given_name]": "Rosa" });
      assert.equal(typo.status, 400);
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "rosa" }))).UserStatus, "FORCE_CHANGE_PASSWORD");

      const retry = formOf(await typo.text());
      const done = await browser.post(retry.action, { _csrf: retry.csrf, password: PASSWORD, confirmPassword: PASSWORD, "requiredAttributes[given_name]": "Rosa" });
      const code = codeOf(done);
      assert.equal(browser.cookies.has("cognito-challenge"), false, "the challenge cookie is cleared");
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "rosa" }));
      assert.equal(user.UserStatus, "CONFIRMED");
      assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "given_name")?.Value, "Rosa");

      const exchanged = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: CALLBACK, code }).toString(),
      });
      assert.equal(exchanged.status, 200);
      assert.equal(claimsOf(((await exchanged.json()) as { id_token: string }).id_token)["given_name"], "Rosa");

      // The challenge session is used up: the page now sends the browser back to sign in.
      const stale = await browser.get(retry.action);
      assert.equal(stale.status, 302);
      assert.match(stale.headers.get("location")!, /^\/login\?/);
    });

    test("MFA required: the set-up page shows the secret, verifies a code, then the TOTP page asks for codes; wrong codes count toward the lockout", async () => {
      const poolId = await fixture.pool();
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }));
      const { clientId } = await fixture.client(poolId, OAUTH);
      await fixture.confirmedUser(poolId, "tess", [{ Name: "email", Value: "tess@example.com" }]);

      const browser = new Browser(cognate.url);
      const setup = await challengePage(browser, await submitLogin(browser, clientId, "tess", PASSWORD), "/mfaSetup");
      const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(setup.html)?.[1];
      assert.ok(secret !== undefined, "the secret is shown as text");
      assert.match(setup.html, new RegExp(`href="otpauth://totp/sign-in%3Atess%40example\\.com\\?secret=${secret}&#38;issuer=sign-in"`));
      assert.equal(/<code class="secret">([A-Z2-7]+)<\/code>/.exec(await (await browser.get(setup.form.action)).text())?.[1], secret, "a reload shows the same secret");
      const again = formOf(await (await browser.get(setup.form.action)).text());
      const wrong = await browser.post(again.action, { _csrf: again.csrf, code: "000000" });
      assert.equal(wrong.status, 400);
      assert.match(await wrong.text(), /role="alert"/);
      const retry = formOf(await (await browser.get(again.action)).text());
      codeOf(await browser.post(retry.action, { _csrf: retry.csrf, code: totp(secret, await now()) }));

      // The next sign-in (another browser, so no managed-login session) asks for a code of that app.
      await fixture.advanceClock(30);
      const other = new Browser(cognate.url);
      const mfa = await challengePage(other, await submitLogin(other, clientId, "tess", PASSWORD), "/mfa");
      assert.match(mfa.html, /<label for="code">Code<\/label>/);
      let form = mfa.form;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const refused = await other.post(form.action, { _csrf: form.csrf, code: "123456" });
        assert.equal(refused.status, 400);
        const page = await refused.text();
        assert.match(page, /role="alert"/);
        form = formOf(page);
      }
      const locked = await other.post(form.action, { _csrf: form.csrf, code: totp(secret, await now()) });
      assert.equal(locked.status, 400);
      assert.match(await locked.text(), /Password attempts exceeded/);
      await assert.rejects(
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "tess", PASSWORD } })),
        /Password attempts exceeded/,
        "the page's wrong codes locked the API's sign-in too",
      );
    });

    test("a TOTP user signs in with the right code; an SMS user is asked for the texted code", async () => {
      const poolId = await fixture.pool();
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } }));
      const { clientId } = await fixture.client(poolId, OAUTH);
      await fixture.confirmedUser(poolId, "uma");
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "uma", PASSWORD } }),
      );
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
      await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken!, UserCode: totp(SecretCode!, await now()) }));
      await fixture.advanceClock(30);

      const browser = new Browser(cognate.url);
      const mfa = await challengePage(browser, await submitLogin(browser, clientId, "uma", PASSWORD), "/mfa");
      const code = codeOf(await browser.post(mfa.form.action, { _csrf: mfa.form.csrf, code: totp(SecretCode!, await now()) }));
      assert.ok(code);

      // The pool now offers SMS only and the user prefers it: the code page of SMS_MFA follows (oauthChallengePages.test.ts).
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SoftwareTokenMfaConfiguration: { Enabled: false },
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::123456789012:role/sns", ExternalId: "x" } },
        }),
      );
      await fixture.confirmedUser(poolId, "sam", [{ Name: "phone_number", Value: "+15550100" }, { Name: "phone_number_verified", Value: "true" }]);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "sam", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const smsBrowser = new Browser(cognate.url);
      await challengePage(smsBrowser, await submitLogin(smsBrowser, clientId, "sam", PASSWORD), "/smsMfa");
      assert.equal(smsBrowser.cookies.has("cognito"), false, "no managed-login session before the code");
    });

    test("the managed-login session: a second authorize signs in without the form, for every client of the pool, until logout, a global sign-out or an hour", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId, { ...OAUTH, LogoutURLs: ["https://app.example.com/out"] });
      const { clientId: otherClient } = await fixture.client(poolId, OAUTH);
      const { clientId: foreignClient } = await fixture.client(await fixture.pool(), OAUTH);
      await fixture.confirmedUser(poolId, "vera");

      const browser = new Browser(cognate.url);
      const first = await submitLogin(browser, clientId, "vera", PASSWORD);
      codeOf(first);
      const set = first.headers.getSetCookie().find((cookie) => cookie.startsWith("cognito="));
      assert.match(set ?? "", /^cognito=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600$/);

      const silent = async (client: string, extra: Record<string, string> = {}) => browser.get(`/oauth2/authorize?${authorizeQuery(client, extra)}`);
      codeOf(await silent(clientId));
      codeOf(await silent(otherClient));
      codeOf(await silent(clientId, { prompt: "none" }));
      const forced = await silent(clientId, { prompt: "login" });
      assert.match(forced.headers.get("location")!, /^\/login\?/);
      const foreign = await silent(foreignClient, { prompt: "none" });
      assert.equal(foreign.headers.get("location"), `${CALLBACK}?error=login_required&state=st`);

      const out = await browser.get(`/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("https://app.example.com/out")}`);
      assert.equal(out.headers.get("location"), "https://app.example.com/out");
      assert.equal(browser.cookies.has("cognito"), false);
      assert.match((await silent(clientId)).headers.get("location")!, /^\/login\?/);

      // A stolen copy of the cookie no longer works after logout either: the session ended on the server.
      const thief = new Browser(cognate.url);
      codeOf(await submitLogin(browser, clientId, "vera", PASSWORD));
      thief.cookies.set("cognito", browser.cookies.get("cognito")!);
      await browser.get(`/logout?client_id=${clientId}&logout_uri=${encodeURIComponent("https://app.example.com/out")}`);
      assert.match((await thief.get(`/oauth2/authorize?${authorizeQuery(clientId)}`)).headers.get("location")!, /^\/login\?/);

      codeOf(await submitLogin(browser, clientId, "vera", PASSWORD));
      await fixture.advanceClock(1);
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "vera" }));
      assert.equal((await silent(clientId, { prompt: "none" })).headers.get("location"), `${CALLBACK}?error=login_required&state=st`);

      await fixture.advanceClock(1);
      codeOf(await submitLogin(browser, clientId, "vera", PASSWORD));
      await fixture.advanceClock(3599);
      codeOf(await silent(clientId));
      await fixture.advanceClock(2);
      assert.match((await silent(clientId)).headers.get("location")!, /^\/login\?/);
    });

    test("under an https public URL every cookie of the pages is Secure", async () => {
      const behindTls = await startCognate({ backend, env: { COGNATE_PUBLIC_URL: "https://auth.example.com" } });
      try {
        const tlsFixture = new SignInFixture(behindTls, behindTls.client());
        const poolId = await tlsFixture.pool();
        const { clientId } = await tlsFixture.client(poolId, OAUTH);
        await tlsFixture.confirmedUser(poolId, "yuri");
        const browser = new Browser(behindTls.url);
        const signedIn = await (async () => {
          const login = await browser.follow(await browser.get(`/oauth2/authorize?${authorizeQuery(clientId)}`));
          for (const cookie of login.headers.getSetCookie()) assert.match(cookie, /; HttpOnly; SameSite=Lax; Secure/);
          const form = formOf(await login.text());
          return browser.post(form.action, { _csrf: form.csrf, username: "yuri", password: PASSWORD });
        })();
        assert.equal(signedIn.status, 302);
        const cookies = signedIn.headers.getSetCookie();
        assert.ok(cookies.some((cookie) => cookie.startsWith("cognito=")));
        for (const cookie of cookies) assert.match(cookie, /; HttpOnly; SameSite=Lax; Secure/);
      } finally {
        await behindTls.close();
      }
    });

    test("login_hint fills the username in; lang is accepted", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId, OAUTH);
      const browser = new Browser(cognate.url);
      const login = await browser.follow(await browser.get(`/oauth2/authorize?${authorizeQuery(clientId, { login_hint: "wendy@example.com", lang: "fr" })}`));
      assert.equal(login.status, 200);
      assert.equal(formOf(await login.text()).fields.username, "wendy@example.com");
    });

    test("the endpoints write audit events naming the pool and client, without codes, tokens or passwords", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId, OAUTH);
      await fixture.confirmedUser(poolId, "xena");
      const browser = new Browser(cognate.url);
      const refused = await submitLogin(browser, clientId, "xena", "Wrong-Passw0rd");
      assert.equal(refused.status, 400);
      const retry = formOf(await refused.text());
      const code = codeOf(await browser.post(retry.action, { _csrf: retry.csrf, username: "xena", password: PASSWORD }));
      const tokens = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, redirect_uri: CALLBACK, code }).toString(),
      });
      const { refresh_token } = (await tokens.json()) as { refresh_token: string };
      await browser.get(`/logout?${new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: "code" })}`);

      const events = [];
      for await (const event of cognate.app.auditEvents({ poolId })) events.push(event);
      const summary = events.filter((event) => event.operation.startsWith("oauth2:")).map((event) => [event.operation, event.outcome, event.errorType]);
      assert.deepEqual(
        summary.filter(([operation]) => operation !== "oauth2:authorize"),
        [
          ["oauth2:login", "success", undefined],
          ["oauth2:login", "failure", "NotAuthorizedException"],
          ["oauth2:login", "success", undefined],
          ["oauth2:token", "success", undefined],
          ["oauth2:logout", "success", undefined],
        ],
      );
      assert.ok(events.every((event) => event.operation.startsWith("oauth2:") ? event.actor === `client:${clientId}` : true));
      const text = JSON.stringify(events);
      for (const secret of [code, refresh_token, PASSWORD, "Wrong-Passw0rd", browser.cookies.get("cognito") ?? "no session"]) {
        assert.ok(!text.includes(secret), "no secret in the audit trail");
      }
    });
  });
}
