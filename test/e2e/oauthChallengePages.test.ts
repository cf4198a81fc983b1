import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { outboxOf } from "../helpers/codes.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";
const OAUTH = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: [CALLBACK] };
const PHONE: AttributeType[] = [
  { Name: "phone_number", Value: "+15550100" },
  { Name: "phone_number_verified", Value: "true" },
];
const EMAIL: AttributeType[] = [
  { Name: "email", Value: "ana@example.com" },
  { Name: "email_verified", Value: "true" },
];

for (const backend of backends) {
  describe(`managed login pages: SMS and email codes, the choice of factor, passwordless sign-in (${backend})`, () => {
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

    function authorizeQuery(clientId: string): string {
      return new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", state: "st" }).toString();
    }

    async function loginPage(browser: Browser, clientId: string): Promise<string> {
      const login = await browser.follow(await browser.get(`/oauth2/authorize?${authorizeQuery(clientId)}`));
      assert.equal(login.status, 200);
      return login.text();
    }

    async function submitLogin(browser: Browser, clientId: string, username: string, fields: Record<string, string>): Promise<Response> {
      const form = formOf(await loginPage(browser, clientId));
      return browser.post(form.action, { _csrf: form.csrf, username, ...fields });
    }

    /** The page a redirect leads to, which must be `path`, and its form. */
    async function challengePage(browser: Browser, redirect: Response, path: string): Promise<{ html: string; form: ReturnType<typeof formOf> }> {
      assert.equal(redirect.status, 302, `a redirect to ${path}`);
      assert.equal(new URL(redirect.headers.get("location")!, cognate.url).pathname, path);
      const page = await browser.follow(redirect);
      assert.equal(page.status, 200);
      const html = await page.text();
      return { html, form: formOf(html) };
    }

    function signedIn(response: Response): string {
      assert.equal(response.status, 302, "back to the client");
      const back = new URL(response.headers.get("location")!);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get("state"), "st");
      return back.searchParams.get("code")!;
    }

    /** The newest sign-in code sent to the user, of `digits` digits. */
    async function sentCode(poolId: string, username: string, digits: number): Promise<string> {
      const latest = (await outboxOf(cognate, poolId, username)).at(-1);
      assert.equal(latest?.kind, "authentication");
      assert.match(latest.code ?? "", new RegExp(`^[0-9]{${digits}}$`));
      return latest.code!;
    }

    const other = (code: string) => (code.startsWith("0") ? "1" : "0") + code.slice(1);

    /** An ESSENTIALS pool offering SMS, authenticator and email MFA (OPTIONAL), and an OAuth client. */
    async function mfaPool(): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool({ UserPoolTier: "ESSENTIALS" });
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsAuthenticationMessage: "Text code {####}", SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: { Message: "Mail code {####}", Subject: "Sign-in code" },
        }),
      );
      return { poolId, clientId: (await fixture.client(poolId, OAUTH)).clientId };
    }

    test("SMS_MFA: the page names the masked phone number, takes the texted code, counts wrong codes toward the lockout and is single-use", async () => {
      const { poolId, clientId } = await mfaPool();
      await fixture.confirmedUser(poolId, "sam", PHONE);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "sam", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));

      const browser = new Browser(cognate.url);
      const { html, form } = await challengePage(browser, await submitLogin(browser, clientId, "sam", { password: PASSWORD }), "/smsMfa");
      assert.match(html, /<h1[^>]*>Check your phone<\/h1>/);
      assert.match(html, /by text message to <strong>\+\*\*\*\*0100<\/strong>/);
      assert.match(html, /<label for="code">Code<\/label>\n<input type="text" id="code" name="code"[^>]*pattern="\[0-9\]\{6\}"/);
      const code = await sentCode(poolId, "sam", 6);

      const wrong = await browser.post(form.action, { _csrf: form.csrf, code: other(code) });
      assert.equal(wrong.status, 400);
      const wrongPage = await wrong.text();
      assert.match(wrongPage, /role="alert" id="error">Invalid code received for user<\/p>/);
      assert.equal((await outboxOf(cognate, poolId, "sam")).length, 1, "a wrong code sends no other");

      const noCsrf = await browser.post(formOf(wrongPage).action, { _csrf: "forged", code });
      assert.equal(noCsrf.status, 403, "the form is bound to its cookie");

      const retry = formOf(await noCsrf.text());
      const authCode = signedIn(await browser.post(retry.action, { _csrf: retry.csrf, code }));
      assert.ok(authCode);
      const stale = await browser.get(retry.action);
      assert.equal(stale.status, 302, "the used session sends the browser back to sign in");
      assert.match(stale.headers.get("location")!, /^\/login\?/);
    });

    test("SMS_MFA: five wrong codes on the page lock the user out of the API too", async () => {
      const { poolId, clientId } = await mfaPool();
      await fixture.confirmedUser(poolId, "lou", PHONE);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "lou", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const browser = new Browser(cognate.url);
      let { form } = await challengePage(browser, await submitLogin(browser, clientId, "lou", { password: PASSWORD }), "/smsMfa");
      const code = await sentCode(poolId, "lou", 6);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const refused = await browser.post(form.action, { _csrf: form.csrf, code: other(code) });
        assert.equal(refused.status, 400);
        form = formOf(await refused.text());
      }
      const locked = await browser.post(form.action, { _csrf: form.csrf, code });
      assert.equal(locked.status, 400);
      assert.match(await locked.text(), /Password attempts exceeded/);
      await assert.rejects(
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "lou", PASSWORD } })),
        /Password attempts exceeded/,
      );
    });

    test("EMAIL_OTP as the second factor: an eight-digit code by email", async () => {
      const { poolId, clientId } = await mfaPool();
      await fixture.confirmedUser(poolId, "ana", EMAIL);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ana", EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const browser = new Browser(cognate.url);
      const { html, form } = await challengePage(browser, await submitLogin(browser, clientId, "ana", { password: PASSWORD }), "/emailOtp");
      assert.match(html, /<h1[^>]*>Check your email<\/h1>/);
      assert.match(html, /by email to <strong>a\*\*\*@e\*\*\*<\/strong>/);
      assert.match(html, /pattern="\[0-9\]\{8\}"/);
      signedIn(await browser.post(form.action, { _csrf: form.csrf, code: await sentCode(poolId, "ana", 8) }));
    });

    test("SELECT_MFA_TYPE: a user with several factors and no preference picks one with a radio button, then answers it", async () => {
      const { poolId, clientId } = await mfaPool();
      await fixture.confirmedUser(poolId, "max", [...PHONE, ...EMAIL]);
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "max", PASSWORD } }),
      );
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
      const totp = async () => authenticator.clone({ epoch: (await now()).getTime() }).generate(SecretCode!);
      await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: AuthenticationResult!.AccessToken!, UserCode: await totp() }));
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: "max",
          SMSMfaSettings: { Enabled: true, PreferredMfa: false },
          SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
          EmailMfaSettings: { Enabled: true, PreferredMfa: false },
        }),
      );

      const browser = new Browser(cognate.url);
      const select = await challengePage(browser, await submitLogin(browser, clientId, "max", { password: PASSWORD }), "/selectMfaType");
      assert.match(select.html, /<legend>How do you want to receive your sign-in code\?<\/legend>/);
      assert.match(select.html, /<input type="radio" id="answer-SMS_MFA" name="answer" value="SMS_MFA" checked>\n<label for="answer-SMS_MFA">Text message \(SMS\)<\/label>/);
      assert.match(select.html, /<label for="answer-SOFTWARE_TOKEN_MFA">Authenticator app<\/label>/);
      assert.match(select.html, /<label for="answer-EMAIL_OTP">Email<\/label>/);

      const refused = await browser.post(select.form.action, { _csrf: select.form.csrf, answer: "SMS_OTP" });
      assert.equal(refused.status, 400, "a factor not offered changes nothing");
      const again = formOf(await refused.text());
      const sms = await challengePage(browser, await browser.post(again.action, { _csrf: again.csrf, answer: "SMS_MFA" }), "/smsMfa");
      signedIn(await browser.post(sms.form.action, { _csrf: sms.form.csrf, code: await sentCode(poolId, "max", 6) }));

      await fixture.advanceClock(30);
      const second = new Browser(cognate.url);
      const choice = await challengePage(second, await submitLogin(second, clientId, "max", { password: PASSWORD }), "/selectMfaType");
      const app = await challengePage(second, await second.post(choice.form.action, { _csrf: choice.form.csrf, answer: "SOFTWARE_TOKEN_MFA" }), "/mfa");
      signedIn(await second.post(app.form.action, { _csrf: app.form.csrf, code: await totp() }));
    });

    describe("passwordless first factors on managed login (version 2)", () => {
      /** An ESSENTIALS pool allowing the password and email and text codes first, with a domain on `version`. */
      async function passwordlessPool(version: 1 | 2, prevent: "ENABLED" | "LEGACY" = "ENABLED"): Promise<{ poolId: string; clientId: string }> {
        const poolId = await fixture.pool({
          UserPoolTier: "ESSENTIALS",
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] } },
        });
        await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `passwordless-${poolId.split("_")[1]!.toLowerCase()}`, ManagedLoginVersion: version }));
        return { poolId, clientId: (await fixture.client(poolId, { ...OAUTH, PreventUserExistenceErrors: prevent })).clientId };
      }

      test("the login page offers other ways to sign in; an emailed code signs in without the password", async () => {
        const { poolId, clientId } = await passwordlessPool(2);
        await fixture.confirmedUser(poolId, "ana", [...EMAIL, ...PHONE]);
        const browser = new Browser(cognate.url);
        const login = await loginPage(browser, clientId);
        assert.match(login, /<button class="secondary" type="submit" name="otherOptions" value="1" formnovalidate>Other ways to sign in<\/button>/);

        const choice = await challengePage(browser, await submitLogin(browser, clientId, "ana", { otherOptions: "1" }), "/selectChallenge");
        assert.match(choice.html, /<h1[^>]*>Choose how to sign in<\/h1>/);
        assert.match(choice.html, /<button type="submit" name="answer" value="EMAIL_OTP" formnovalidate>Email me a sign-in code<\/button>/);
        assert.match(choice.html, /<button type="submit" name="answer" value="SMS_OTP" formnovalidate>Text me a sign-in code<\/button>/);
        assert.match(choice.html, /<label for="password">Password<\/label>/);
        assert.doesNotMatch(choice.html, /WEB_AUTHN/, "no passkey is offered to a user without one");

        const email = await challengePage(browser, await browser.post(choice.form.action, { _csrf: choice.form.csrf, answer: "EMAIL_OTP" }), "/emailOtp");
        assert.match(email.html, /by email to <strong>a\*\*\*@e\*\*\*<\/strong>/);
        signedIn(await browser.post(email.form.action, { _csrf: email.form.csrf, code: await sentCode(poolId, "ana", 8) }));
      });

      test("the choice page: a text message code, or the password typed there; a wrong password is refused there", async () => {
        const { poolId, clientId } = await passwordlessPool(2);
        await fixture.confirmedUser(poolId, "bea", [...EMAIL, ...PHONE]);
        const browser = new Browser(cognate.url);
        const choice = await challengePage(browser, await submitLogin(browser, clientId, "bea", { otherOptions: "1" }), "/selectChallenge");
        const sms = await challengePage(browser, await browser.post(choice.form.action, { _csrf: choice.form.csrf, answer: "SMS_OTP" }), "/smsOtp");
        assert.match(sms.html, /by text message to <strong>\+\*\*\*\*0100<\/strong>/);
        signedIn(await browser.post(sms.form.action, { _csrf: sms.form.csrf, code: await sentCode(poolId, "bea", 6) }));

        const other = new Browser(cognate.url);
        const second = await challengePage(other, await submitLogin(other, clientId, "bea", { otherOptions: "1" }), "/selectChallenge");
        const wrong = await other.post(second.form.action, { _csrf: second.form.csrf, answer: "PASSWORD", password: "Wrong-password-1" });
        assert.equal(wrong.status, 400);
        assert.match(await wrong.text(), /Incorrect username or password\./);
        // The choice session was used by the wrong password; the next try starts from the login page.
        const again = await submitLogin(other, clientId, "bea", { otherOptions: "1" });
        const third = await challengePage(other, again, "/selectChallenge");
        signedIn(await other.post(third.form.action, { _csrf: third.form.csrf, answer: "PASSWORD", password: PASSWORD }));
      });

      test("a name nobody holds gets the same choice, and no code works", async () => {
        const { poolId, clientId } = await passwordlessPool(2);
        const browser = new Browser(cognate.url);
        const choice = await challengePage(browser, await submitLogin(browser, clientId, "nobody@example.com", { otherOptions: "1" }), "/selectChallenge");
        assert.match(choice.html, /value="EMAIL_OTP"/);
        const email = await challengePage(browser, await browser.post(choice.form.action, { _csrf: choice.form.csrf, answer: "EMAIL_OTP" }), "/emailOtp");
        assert.match(email.html, /by email to <strong>n\*\*\*@e\*\*\*<\/strong>/);
        const refused = await browser.post(email.form.action, { _csrf: email.form.csrf, code: "12345678" });
        assert.equal(refused.status, 400);
        assert.equal((await outboxOf(cognate, poolId, "nobody@example.com")).length, 0);
      });

      test("the classic hosted UI (version 1) offers the password only, as Cognito's does", async () => {
        const { poolId, clientId } = await passwordlessPool(1);
        await fixture.confirmedUser(poolId, "cy", EMAIL);
        const browser = new Browser(cognate.url);
        assert.doesNotMatch(await loginPage(browser, clientId), /otherOptions/);
        const refused = await submitLogin(browser, clientId, "cy", { otherOptions: "1" });
        assert.equal(refused.status, 400, "the button's field alone is no sign-in");
        assert.match(await refused.text(), /Username and password are required\./);
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cy" }))).UserStatus, "CONFIRMED");
      });
    });
  });
}
