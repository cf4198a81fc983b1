import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminGetUserCommand, InitiateAuthCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { latestCode, outboxOf, wrongCode } from "../helpers/codes.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";
const OAUTH = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: [CALLBACK] };

for (const backend of backends) {
  describe(`managed login pages: sign-up, confirmation, forgotten passwords (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;

    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const query = (clientId: string) => new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", state: "st" }).toString();

    function codeOf(response: Response): string {
      assert.equal(response.status, 302, "back to the client");
      const back = new URL(response.headers.get("location")!);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      return back.searchParams.get("code")!;
    }

    async function page(browser: Browser, path: string): Promise<{ html: string; form: ReturnType<typeof formOf> }> {
      const response = await browser.get(path);
      assert.equal(response.status, 200);
      const html = await response.text();
      return { html, form: formOf(html) };
    }

    test("sign up with the pool's required attributes, confirm with the code from the outbox (after a resend), and land on the client with a code", async () => {
      const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"], Schema: [{ Name: "email", Required: true }, { Name: "given_name", Required: true }] });
      const { clientId, secret } = await fixture.client(poolId, { ...OAUTH, GenerateSecret: true });
      const browser = new Browser(cognate.url);

      const login = await page(browser, `/login?${query(clientId)}`);
      const signUpLink = /<a href="([^"]+)">Sign up<\/a>/.exec(login.html)?.[1]?.replace(/&#38;/g, "&");
      assert.equal(signUpLink, `/signup?${query(clientId)}`);
      const signUp = await page(browser, signUpLink);
      assert.match(signUp.html, /<h1[^>]*>Sign up<\/h1>/);
      assert.match(signUp.html, /<label for="attribute-email">Email<\/label>/);
      assert.match(signUp.html, /<label for="attribute-given_name">Given name<\/label>/);

      const weak = await browser.post(signUp.form.action, {
        _csrf: signUp.form.csrf,
        username: "yara",
        password: "weak",
        "requiredAttributes[email]": "yara@example.com",
        "requiredAttributes[given_name]": "Yara",
      });
      assert.equal(weak.status, 400);
      const weakPage = await weak.text();
      assert.match(weakPage, /role="alert" id="error">Password did not conform with policy: Password not long enough<\/p>/);
      const kept = formOf(weakPage);
      assert.equal(kept.fields.username, "yara");
      assert.equal(kept.fields["requiredAttributes[given_name]"], "Yara");
      assert.equal(kept.fields.password, "", "a password is never sent back");

      const signedUp = await browser.post(kept.action, { ...kept.fields, password: PASSWORD });
      assert.equal(signedUp.status, 200);
      const confirmHtml = await signedUp.text();
      assert.match(confirmHtml, /<h1[^>]*>Confirm your account<\/h1>/);
      assert.match(confirmHtml, /role="status">We have sent a code by email to y\*\*\*@e\*\*\*/);
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "yara" }))).UserStatus, "UNCONFIRMED");
      const first = (await latestCode(cognate, poolId, "yara", "signup")).code;

      const confirm = formOf(confirmHtml);
      const resent = await browser.post(confirm.action, { _csrf: confirm.csrf, username: "yara", resend: "1" });
      assert.equal(resent.status, 200);
      const second = (await latestCode(cognate, poolId, "yara", "resend")).code;
      const afterResend = formOf(await resent.text());
      const wrong = await browser.post(afterResend.action, { _csrf: afterResend.csrf, username: "yara", code: wrongCode(second) });
      assert.equal(wrong.status, 400);
      assert.match(await wrong.text(), /Invalid verification code provided, please try again\./);
      assert.ok(first);

      const retry = formOf(await (await browser.get(afterResend.action)).text());
      const done = await browser.post(retry.action, { _csrf: retry.csrf, username: "yara", code: second });
      const code = codeOf(done);
      assert.ok(browser.cookies.has("cognito"), "signed in: the managed-login session starts");
      const exchanged = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "authorization_code", redirect_uri: CALLBACK, code }).toString(),
      });
      assert.equal(exchanged.status, 200);
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "yara" }))).UserStatus, "CONFIRMED");
    });

    test("confirming in another browser signs nobody in: the login page follows, the name filled in", async () => {
      const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"] });
      const { clientId } = await fixture.client(poolId, OAUTH);
      const browser = new Browser(cognate.url);
      const signUp = await page(browser, `/signup?${query(clientId)}`);
      const signedUp = await browser.post(signUp.form.action, { _csrf: signUp.form.csrf, username: "zoe", password: PASSWORD, "requiredAttributes[email]": "zoe@example.com" });
      assert.equal(signedUp.status, 200);
      const code = (await latestCode(cognate, poolId, "zoe", "signup")).code;

      const elsewhere = new Browser(cognate.url);
      const confirm = await page(elsewhere, `/confirmUser?${query(clientId)}&username=zoe`);
      assert.equal(confirm.form.fields.username, "zoe");
      const confirmed = await elsewhere.post(confirm.form.action, { _csrf: confirm.form.csrf, username: "zoe", code });
      assert.equal(confirmed.status, 302);
      assert.equal(confirmed.headers.get("location"), `/login?${query(clientId)}&username=zoe&login_hint=zoe`);
      assert.equal(elsewhere.cookies.has("cognito"), false);
    });

    test("a pool where only administrators create users offers no sign-up", async () => {
      const poolId = await fixture.pool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
      const { clientId } = await fixture.client(poolId, OAUTH);
      const browser = new Browser(cognate.url);
      const login = await page(browser, `/login?${query(clientId)}`);
      assert.doesNotMatch(login.html, /Sign up/);
      const closed = await browser.get(`/signup?${query(clientId)}`);
      assert.equal(closed.status, 400);
      assert.match(await closed.text(), /SignUp is not permitted for this user pool/);
    });

    test("forgot password: a code by email, the new password twice, then the login page; PreventUserExistenceErrors hides unknown users", async () => {
      const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"] });
      const { clientId } = await fixture.client(poolId, { ...OAUTH, PreventUserExistenceErrors: "ENABLED" });
      await fixture.confirmedUser(poolId, "abby", [{ Name: "email", Value: "abby@example.com" }, { Name: "email_verified", Value: "true" }]);
      const browser = new Browser(cognate.url);
      const login = await page(browser, `/login?${query(clientId)}`);
      const forgotLink = /<a href="([^"]+)">Forgot your password\?<\/a>/.exec(login.html)?.[1]?.replace(/&#38;/g, "&");
      const forgot = await page(browser, forgotLink!);
      const sent = await browser.post(forgot.form.action, { _csrf: forgot.form.csrf, username: "abby" });
      assert.equal(sent.status, 200);
      const resetHtml = await sent.text();
      assert.match(resetHtml, /<h1[^>]*>Reset your password<\/h1>/);
      assert.match(resetHtml, /role="status">We have sent a code by email to a\*\*\*@e\*\*\*/);
      const code = (await latestCode(cognate, poolId, "abby", "forgot-password")).code;

      const reset = formOf(resetHtml);
      const mismatch = await browser.post(reset.action, { ...reset.fields, code, password: OTHER_PASSWORD, confirmPassword: PASSWORD });
      assert.equal(mismatch.status, 400);
      const mismatchHtml = await mismatch.text();
      assert.match(mismatchHtml, /The passwords you entered do not match\./);
      const again = formOf(await (await browser.post(forgot.form.action, { _csrf: formOf(mismatchHtml).csrf, username: "abby" })).text());
      const newCode = (await latestCode(cognate, poolId, "abby", "forgot-password")).code;
      const changed = await browser.post(again.action, { ...again.fields, code: newCode, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD });
      assert.equal(changed.status, 302);
      assert.equal(changed.headers.get("location"), `/login?${query(clientId)}`);
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "abby", PASSWORD: OTHER_PASSWORD } }),
      );
      assert.ok(AuthenticationResult?.AccessToken);

      // An unknown user is answered like a known one, and nothing is sent.
      const hidden = formOf(await (await browser.get(forgot.form.action)).text());
      const unknown = await browser.post(hidden.action, { _csrf: hidden.csrf, username: "nobody" });
      assert.equal(unknown.status, 200);
      assert.match(await unknown.text(), /<h1[^>]*>Reset your password<\/h1>/);
      assert.deepEqual(await outboxOf(cognate, poolId, "nobody"), []);
    });

    test("the forms refuse a post without their CSRF cookie and change nothing", async () => {
      const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"] });
      const { clientId } = await fixture.client(poolId, OAUTH);
      const browser = new Browser(cognate.url);
      const signUp = await page(browser, `/signup?${query(clientId)}`);
      browser.cookies.clear();
      const forged = await browser.post(signUp.form.action, { _csrf: signUp.form.csrf, username: "mallory", password: PASSWORD, "requiredAttributes[email]": "m@example.com" });
      assert.equal(forged.status, 403);
      await assert.rejects(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "mallory" })), /User does not exist/);
    });
  });
}
