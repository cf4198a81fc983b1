import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { launchChromium, seriousAxeViolations, type HeadlessChromium } from "../helpers/browser.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser, formOf } from "../helpers/formBrowser.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";
const OAUTH = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid", "email"], CallbackURLs: [CALLBACK] };

/**
 * Registers a passkey in Chromium's virtual authenticator (Chrome DevTools Protocol) on the page's origin:
 * the creation options of StartWebAuthnRegistration go to navigator.credentials.create(), and its answer to
 * CompleteWebAuthnRegistration, as an app's passkey settings page would do.
 */
async function createPasskey(page: Page, options: unknown): Promise<unknown> {
  // Plain text, not a compiled function: the test compiler would add helpers the page does not have.
  return page.evaluate(`(async (o) => {
    const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
    const credential = await navigator.credentials.create({
      publicKey: { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: [] },
    });
    const response = credential.response;
    return {
      id: credential.id,
      rawId: text(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: text(response.clientDataJSON), attestationObject: text(response.attestationObject), transports: response.getTransports() },
    };
  })(${JSON.stringify(options)})`);
}

for (const backend of backends) {
  describe(`managed login pages: passkey sign-in in headless Chromium (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let chromium: HeadlessChromium;
    /** WebAuthn refuses an IP address as relying party: the browser reaches Cognate as localhost. */
    let origin: string;

    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
      chromium = await launchChromium();
      origin = cognate.url.replace("127.0.0.1", "localhost");
    });
    after(async () => {
      await chromium?.close();
      await cognate.close();
    });

    async function passkeyPool(): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool({ UserPoolTier: "ESSENTIALS", Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } });
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "required" } }));
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: `passkeys-${poolId.split("_")[1]!.toLowerCase()}`, ManagedLoginVersion: 2 }));
      const { clientId } = await fixture.client(poolId, { ...OAUTH, ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      return { poolId, clientId };
    }

    const authorizeUrl = (clientId: string) =>
      `${origin}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", state: "st" })}`;

    test("a passkey registered in the browser's authenticator signs in on the page: other ways → passkey → back to the client with a code", async () => {
      const { poolId, clientId } = await passkeyPool();
      await fixture.confirmedUser(poolId, "ana", [
        { Name: "email", Value: "ana@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      const { context, page } = await chromium.context(origin);
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send("WebAuthn.enable");
        await cdp.send("WebAuthn.addVirtualAuthenticator", {
          options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
        });
        // The client's callback is not served here: the browser's arrival there is the end of the test.
        await context.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "signed in" }));

        await page.goto(authorizeUrl(clientId));
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
        );
        const AccessToken = AuthenticationResult!.AccessToken!;
        const { CredentialCreationOptions } = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
        const Credential = await createPasskey(page, CredentialCreationOptions);
        await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: Credential as never }));
        assert.equal((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken }))).Credentials!.length, 1);

        await page.getByLabel("Username").fill("ana");
        await page.getByRole("button", { name: "Other ways to sign in" }).click();
        await page.waitForURL(/\/selectChallenge\?/);
        const [passkeyPage] = await Promise.all([
          page.waitForResponse((response) => new URL(response.url()).pathname === "/passkey" && response.status() === 200),
          page.getByRole("button", { name: "Sign in with a passkey" }).click(),
        ]);
        await page.waitForURL(/\/passkey\?/);
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Sign in with a passkey");
        assert.deepEqual(await seriousAxeViolations(page), []);
        const csp = (await passkeyPage.allHeaders())["content-security-policy"] ?? "";
        assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*'$/, "the page's one script, by its hash");

        // Where the page's form sends the browser is the answer's Location: Chromium's own load of the
        // client's (unserved) callback races its DNS lookup with the route that stands in for it.
        const [signedIn] = await Promise.all([
          page.waitForResponse((response) => new URL(response.url()).pathname === "/passkey" && response.request().method() === "POST"),
          page.getByRole("button", { name: "Sign in with a passkey" }).click(),
        ]);
        if (signedIn.status() !== 302) assert.fail(`the page answers ${signedIn.status()}: ${await signedIn.text()}`);
        const back = new URL((await signedIn.allHeaders()).location!);
        assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
        assert.equal(back.searchParams.get("state"), "st");
        assert.match(back.searchParams.get("code") ?? "", /.+/);
        const cookies = await context.cookies(origin);
        assert.ok(cookies.some((cookie) => cookie.name === "cognito"), "a managed-login session follows, as for a password");
      } finally {
        await context.close();
      }
    });

    test("without JavaScript the passkey page says it needs it; a forged credential is refused on the page", async () => {
      const { poolId, clientId } = await passkeyPool();
      await fixture.confirmedUser(poolId, "bo");
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bo", PASSWORD } }),
      );
      const AccessToken = AuthenticationResult!.AccessToken!;
      const { context, page } = await chromium.context(origin);
      try {
        const cdp = await context.newCDPSession(page);
        await cdp.send("WebAuthn.enable");
        await cdp.send("WebAuthn.addVirtualAuthenticator", {
          options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
        });
        await page.goto(authorizeUrl(clientId));
        const { CredentialCreationOptions } = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
        await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: (await createPasskey(page, CredentialCreationOptions)) as never }));
      } finally {
        await context.close();
      }

      const browser = new Browser(origin);
      const login = formOf(await (await browser.follow(await browser.get(authorizeUrl(clientId).slice(origin.length)))).text());
      const choice = await browser.follow(await browser.post(login.action, { _csrf: login.csrf, username: "bo", otherOptions: "1" }));
      const choiceForm = formOf(await choice.text());
      const chosen = await browser.post(choiceForm.action, { _csrf: choiceForm.csrf, answer: "WEB_AUTHN" });
      assert.equal(new URL(chosen.headers.get("location")!, origin).pathname, "/passkey");
      const html = await (await browser.follow(chosen)).text();
      assert.match(html, /<noscript><p class="notice">Signing in with a passkey needs JavaScript, which is turned off in this browser\.<\/p><\/noscript>/);
      assert.match(html, /<button type="button" id="passkey" hidden/);
      const options = JSON.parse(/<script type="application\/json" id="passkey-options">([^<]*)<\/script>/.exec(html)![1]!) as { rpId: string; allowCredentials: unknown[] };
      assert.equal(options.rpId, "localhost");
      assert.equal(options.allowCredentials.length, 1);
      assert.match(html, /<a href="\/login\?[^"]+">Sign in another way<\/a>/);

      const form = formOf(html);
      const forged = await browser.post(form.action, { _csrf: form.csrf, credential: JSON.stringify({ id: "x", rawId: "x", type: "public-key", response: {} }) });
      assert.equal(forged.status, 400);
      assert.match(await forged.text(), /role="alert"/);
      assert.equal(browser.cookies.has("cognito"), false);
    });
  });
}
