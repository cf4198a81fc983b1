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
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { chromium, type Browser, type Page } from "playwright-core";
import { startCognate } from "../test/helpers/cognate.js";
import { CHROMIUM_LAUNCH } from "../test/helpers/browser.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const CALLBACK = "http://localhost:3000/callback";
const PASSWORD = "Correct-Horse1";

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
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email"],
          CallbackURLs: [CALLBACK],
        }),
      )
    ).UserPoolClient!.ClientId!;
  const authorize = (clientId: string) =>
    `${cognate.url}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email" })}`;
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
