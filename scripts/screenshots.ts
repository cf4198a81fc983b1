// Takes the docs' screenshots of the managed login pages and checks each with axe-core: starts Cognate on
// SQLite in a temporary directory, makes pools, clients and users, and walks every page in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core, which gives it a fresh profile; never a
// downloaded browser). Run with
// `npx tsx scripts/screenshots.ts`; writes docs/screenshots/*.png and fails on an accessibility violation.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { authenticator } from "otplib";
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateManagedLoginBrandingCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { chromium, type Browser, type Page } from "playwright-core";
import { startCognate } from "../test/helpers/cognate.js";
import { CHROMIUM_LAUNCH } from "../test/helpers/browser.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CALLBACK = "http://localhost:3000/callback";
const PASSWORD = "Correct-Horse1";

/** A small logo for the branding style's FORM_LOGO. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64" viewBox="0 0 240 64"><circle cx="32" cy="32" r="26" fill="#7a2e0e"/><path d="M20 34l8 8 16-18" stroke="#fff" stroke-width="6" fill="none" stroke-linecap="round" stroke-linejoin="round"/><text x="70" y="42" font-family="Georgia, serif" font-size="28" fill="#3b2412">Example Co</text></svg>`;

/** navigator.credentials.create() with StartWebAuthnRegistration's options (OPTIONS), answered as CompleteWebAuthnRegistration takes it. */
const CREATE_PASSKEY = `(async (o) => {
  const bytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const text = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  const credential = await navigator.credentials.create({ publicKey: { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: [] } });
  const response = credential.response;
  return { id: credential.id, rawId: text(credential.rawId), type: credential.type, clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: text(response.clientDataJSON), attestationObject: text(response.attestationObject), transports: response.getTransports() } };
})(OPTIONS)`;

const cognate = await startCognate({ backend: "sqlite" });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const violations: string[] = [];
try {
  const cognito = cognate.client();
  const pool = async (name: string, settings: Record<string, unknown> = {}) =>
    (await cognito.send(new CreateUserPoolCommand({ PoolName: name, AutoVerifiedAttributes: ["email"], ...settings }))).UserPool!.Id!;
  const client = async (poolId: string) =>
    (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "web",
          ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email"],
          CallbackURLs: [CALLBACK],
        }),
      )
    ).UserPoolClient!.ClientId!;
  const authorize = (clientId: string, origin = cognate.url) =>
    `${origin}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email" })}`;
  mkdirSync(OUT, { recursive: true });

  const poolId = await pool("screenshots", { Schema: [{ Name: "email", Required: true }, { Name: "given_name", Required: true }] });
  const clientId = await client(poolId);
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "ada",
      TemporaryPassword: "Temporary-Pass1",
      UserAttributes: [{ Name: "email", Value: "ada@example.com" }],
      MessageAction: "SUPPRESS",
    }),
  );
  await walk(browser, async (page) => {
    await page.goto(authorize(clientId));
    await shoot(page, "login.png");
    await page.fill("#username", "ada");
    await page.fill("#password", "Wrong-Passw0rd");
    await page.click("button[type=submit]");
    await shoot(page, "login-error.png");
    await page.fill("#password", "Temporary-Pass1");
    await page.click("button[type=submit]");
    await shoot(page, "new-password.png");
    await page.goto(`${cognate.url}/signup?${new URL(authorize(clientId)).searchParams}`);
    await shoot(page, "signup.png");
    await page.fill("#username", "grace");
    await page.fill("#attribute-email", "grace@example.com");
    await page.fill("#attribute-given_name", "Grace");
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
    await shoot(page, "confirm-signup.png");
    await page.goto(`${cognate.url}/forgotPassword?${new URL(authorize(clientId)).searchParams}`);
    await shoot(page, "forgot-password.png");
    await page.fill("#username", "grace");
    await page.click("button[type=submit]");
    await shoot(page, "confirm-forgot-password.png");
    await page.goto(authorize("nosuchclient"));
    await shoot(page, "error.png");
  });

  const mfaPool = await pool("mfa");
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: mfaPool, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }));
  const mfaClient = await client(mfaPool);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: mfaPool, Username: "linus", TemporaryPassword: "Temporary-Pass1", MessageAction: "SUPPRESS" }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: mfaPool, Username: "linus", Password: PASSWORD, Permanent: true }));
  const signIn = async (page: Page) => {
    await page.goto(authorize(mfaClient));
    await page.fill("#username", "linus");
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
  };
  let secret = "";
  await walk(browser, async (page) => {
    await signIn(page);
    await shoot(page, "mfa-setup.png");
    secret = (await page.textContent("code.secret"))!;
    await page.fill("#code", authenticator.generate(secret));
    // The callback is not served here: only the redirect to it matters.
    await Promise.all([page.waitForRequest((request) => request.url().startsWith(CALLBACK)), page.click("button[type=submit]")]);
  });
  await walk(browser, async (page) => {
    await signIn(page);
    await shoot(page, "mfa.png");
  });

  // Codes by text and email, and the choice between factors.
  const codePool = await pool("codes", { UserPoolTier: "ESSENTIALS" });
  await cognito.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: codePool,
      MfaConfiguration: "OPTIONAL",
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: "Your code is {####}", Subject: "Your sign-in code" },
    }),
  );
  const codeClient = await client(codePool);
  const codeUser = async (username: string, preferred: boolean) => {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: codePool,
        Username: username,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "phone_number", Value: "+15550100" },
          { Name: "phone_number_verified", Value: "true" },
          { Name: "email", Value: `${username}@example.com` },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: codePool, Username: username, Password: PASSWORD, Permanent: true }));
    await cognito.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: codePool,
        Username: username,
        SMSMfaSettings: { Enabled: true, PreferredMfa: preferred },
        ...(preferred ? {} : { EmailMfaSettings: { Enabled: true, PreferredMfa: false } }),
      }),
    );
  };
  await codeUser("sam", true);
  await codeUser("max", false);
  const codeSignIn = async (page: Page, username: string) => {
    await page.goto(authorize(codeClient));
    await page.fill("#username", username);
    await page.fill("#password", PASSWORD);
    await page.click("button[type=submit]");
  };
  await walk(browser, async (page) => {
    await codeSignIn(page, "sam");
    await shoot(page, "sms-mfa.png");
  });
  await walk(browser, async (page) => {
    await codeSignIn(page, "max");
    await shoot(page, "select-mfa-type.png");
    await page.check("#answer-EMAIL_OTP");
    await page.click("button[type=submit]");
    await shoot(page, "email-otp.png");
  });

  // Managed login (version 2): a branding style, passwordless choices and a passkey (registered in Chromium's
  // virtual authenticator, on localhost: WebAuthn refuses an IP address as relying party).
  const localhost = cognate.url.replace("127.0.0.1", "localhost");
  const v2Pool = await pool("managed-login", {
    UserPoolTier: "ESSENTIALS",
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] } },
  });
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: v2Pool, WebAuthnConfiguration: { RelyingPartyId: "localhost", UserVerification: "preferred" } }));
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: v2Pool, Domain: "managed-login-screenshots", ManagedLoginVersion: 2 }));
  const v2Client = await client(v2Pool);
  await cognito.send(
    new CreateManagedLoginBrandingCommand({
      UserPoolId: v2Pool,
      ClientId: v2Client,
      Settings: {
        categories: { global: { colorSchemeMode: "LIGHT" } },
        components: {
          pageBackground: { lightMode: { color: "f3ebe0ff" } },
          form: { borderRadius: 14, lightMode: { backgroundColor: "fffdf9ff", borderColor: "d8c3a5ff" }, logo: { enabled: true, location: "CENTER" } },
          primaryButton: { lightMode: { defaults: { backgroundColor: "7a2e0eff", textColor: "ffffffff" }, hover: { backgroundColor: "561f08ff" } } },
          secondaryButton: { lightMode: { defaults: { backgroundColor: "fffdf9ff", borderColor: "7a2e0eff", textColor: "7a2e0eff" } } },
          pageText: { lightMode: { headingColor: "3b2412ff", descriptionColor: "5c4632ff" } },
        },
        componentClasses: {
          buttons: { borderRadius: 22 },
          input: { borderRadius: 10, lightMode: { defaults: { borderColor: "b39b7fff" } } },
          inputLabel: { lightMode: { textColor: "3b2412ff" } },
          link: { lightMode: { defaults: { textColor: "7a2e0eff" } } },
        },
      },
      Assets: [{ Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "SVG", Bytes: Buffer.from(LOGO_SVG) }],
    }),
  );
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: v2Pool,
      Username: "ana",
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: "ana@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: v2Pool, Username: "ana", Password: PASSWORD, Permanent: true }));
  await walk(browser, async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(authorize(v2Client, localhost));
    const signedIn = await cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: v2Pool, ClientId: v2Client, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
    );
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    const { CredentialCreationOptions } = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const Credential = await page.evaluate(CREATE_PASSKEY.replace("OPTIONS", JSON.stringify(CredentialCreationOptions)));
    await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: Credential as never }));
    await page.reload();
    await shoot(page, "login-managed.png");
    await page.fill("#username", "ana");
    await page.click("button[name=otherOptions]");
    await shoot(page, "select-challenge.png");
    await page.click("button[value=WEB_AUTHN]");
    await page.waitForSelector("#passkey:not([hidden])");
    await shoot(page, "passkey.png");
  });
} finally {
  await browser.close();
  await cognate.close();
}
if (violations.length > 0) {
  console.error(violations.join("\n"));
  process.exitCode = 1;
}

/** One browser context (its own cookies) per flow; the pages' CSP is bypassed only so that axe can be injected. */
async function walk(browser: Browser, flow: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 800, height: 720 }, bypassCSP: true, javaScriptEnabled: true });
  try {
    await flow(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Screenshots the page and records what axe-core finds wrong with it (WCAG 2.1 A and AA). */
async function shoot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: join(OUT, file) });
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: Array<{ id: string; help: string }> }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
  });
  for (const violation of found) violations.push(`${file}: ${violation}`);
  console.log(`${file}${found.length === 0 ? "" : ` (${found.length} accessibility violations)`}`);
}
