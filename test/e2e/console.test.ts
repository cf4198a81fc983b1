import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListDevicesCommand,
  ConfirmDeviceCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetCSVHeaderCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Page } from "playwright-core";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { launchChromium, seriousAxeViolations, type HeadlessChromium } from "../helpers/browser.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const THOUSANDS = 3000;
/** A trigger function that answers its event unchanged, run by --functions. */
const NOOP_ARN = "arn:aws:lambda:us-east-1:000000000000:function:noop";

/** A pool of `count` imported users (user00000 … with user<n>@example.com), and a client that may sign in with a password. */
async function poolOfThousands(cognate: RunningCognate, cognito: CognitoIdentityProviderClient, count: number) {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "crowd", AutoVerifiedAttributes: ["email"] }));
  const poolId = UserPool!.Id!;
  const { CSVHeader } = await cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
  const header = CSVHeader!;
  const row = (n: number) => {
    const name = `user${String(n).padStart(5, "0")}`;
    const values: Record<string, string> = { "cognito:username": name, email: `${name}@example.com`, email_verified: "true", "cognito:mfa_enabled": "false" };
    return header.map((column) => values[column] ?? "").join(",");
  };
  async function* csv() {
    yield `${header.join(",")}\n`;
    for (let n = 0; n < count; n += 500) {
      yield Array.from({ length: Math.min(500, count - n) }, (_, i) => `${row(n + i)}\n`).join("");
    }
  }
  const summary = await cognate.app.commands.importUsers(poolId, csv());
  assert.equal(summary.imported, count);
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ExplicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const violations = await seriousAxeViolations(page);
  assert.deepEqual(violations, [], `axe-core found serious or critical violations on ${where}`);
}

for (const backend of backends) {
  describe(`admin console in headless Chromium, dev mode (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let chromium: HeadlessChromium;
    let crowd: { poolId: string; clientId: string };
    let functionsDir: string;
    before(async () => {
      functionsDir = mkdtempSync(join(tmpdir(), "cognate-console-functions-"));
      writeFileSync(join(functionsDir, "noop.mjs"), "export const handler = async (event) => event;\n");
      writeFileSync(join(functionsDir, "functions.json"), JSON.stringify({ noop: "./noop.mjs" }));
      cognate = await startCognate({ backend, env: { COGNATE_FUNCTIONS: join(functionsDir, "functions.json") } });
      cognito = cognate.client();
      chromium = await launchChromium();
      crowd = await poolOfThousands(cognate, cognito, THOUSANDS);
    });
    after(async () => {
      await chromium?.close();
      await cognate?.close();
      rmSync(functionsDir, { recursive: true, force: true });
    });

    test("the users page lists one page of 60 through ListUsers' token, searched or not, never the whole pool", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        const usernames = async () => page.locator("tbody tr td:first-child").allInnerTexts();
        await page.goto(`${cognate.url}/console/pools/${crowd.poolId}/users`);
        const first = await usernames();
        assert.equal(first.length, 60, `one page of ${THOUSANDS} users`);
        const next = new URL(await page.getByRole("link", { name: "Next page" }).getAttribute("href") ?? "", cognate.url);
        assert.ok((next.searchParams.get("next") ?? "").length > 0, "the next page is asked for with the pagination token");
        await page.getByRole("link", { name: "Next page" }).click();
        const second = await usernames();
        assert.equal(second.length, 60);
        assert.ok(second.every((name) => !first.includes(name)), "the next page continues the first");

        await page.getByLabel("Attribute").selectOption("email");
        await page.getByLabel("Value").fill("user01");
        await page.getByRole("button", { name: "Search" }).click();
        const found = await usernames();
        assert.equal(found.length, 60);
        assert.ok(found.every((name) => name.startsWith("user01")));
        const searchedNext = new URL(await page.getByRole("link", { name: "Next page" }).getAttribute("href") ?? "", cognate.url);
        assert.deepEqual([searchedNext.searchParams.get("attribute"), searchedNext.searchParams.get("operator"), searchedNext.searchParams.get("value")], ["email", "^=", "user01"]);
        assert.ok(searchedNext.searchParams.get("next"));
      } finally {
        await context.close();
      }
    });

    test("a user's devices and MFA: set the preferred factor, see a refusal in Cognito's words, forget a device after confirming", async () => {
      const fixture = new SignInFixture(cognate, cognito);
      const poolId = await fixture.pool({ PoolName: "devices", DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } });
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "ana", [{ Name: "phone_number", Value: "+15555550100" }]);
      const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }));
      const device = signedIn.AuthenticationResult!.NewDeviceMetadata!;
      await cognito.send(
        new ConfirmDeviceCommand({
          AccessToken: signedIn.AuthenticationResult!.AccessToken!,
          DeviceKey: device.DeviceKey!,
          DeviceName: "Ana's laptop",
          DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from("verifier").toString("base64"), Salt: Buffer.from("salt").toString("base64") },
        }),
      );
      const { context, page } = await chromium.context(cognate.url);
      try {
        await page.goto(`${cognate.url}/console/pools/${poolId}/users/ana`);
        const devices = page.getByRole("table", { name: /Devices the user signed in from/ });
        assert.match(await devices.innerText(), new RegExp(`Ana's laptop\\s+${device.DeviceKey}\\s+Yes`));
        const mfa = page.locator("section", { has: page.getByRole("heading", { name: "Multi-factor authentication" }) });
        assert.match(await mfa.locator("dl").innerText(), /Sign-in factors\s+PASSWORD/);
        await expectNoSeriousViolations(page, "a user with a device");

        await page.getByLabel("Text message (SMS)").check();
        await page.getByLabel("Preferred factor").selectOption("SMS_MFA");
        await page.getByRole("button", { name: "Save MFA settings" }).click();
        await page.getByRole("status").filter({ hasText: "The user's MFA settings were saved." }).waitFor();
        assert.match(await mfa.locator("dl").innerText(), /Preferred factor\s+SMS_MFA\s+Factors on\s+SMS_MFA/);
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }));
        assert.equal(user.PreferredMfaSetting, "SMS_MFA");

        await page.getByLabel("Authenticator app (TOTP)").check();
        await page.getByRole("button", { name: "Save MFA settings" }).click();
        assert.match(await page.getByRole("alert").innerText(), /^InvalidParameterException: User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA$/);
        assert.deepEqual((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }))).UserMFASettingList, ["SMS_MFA"], "the refusal changed nothing");

        await page.goto(`${cognate.url}/console/pools/${poolId}/users/ana`);
        await page.getByRole("button", { name: "Forget device" }).evaluate((button) => button.closest("form")!.noValidate = true);
        await page.getByRole("button", { name: "Forget device" }).click();
        assert.match(await page.getByRole("alert").innerText(), /Tick the confirmation to forget the device: nothing was forgotten/);
        assert.equal((await cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "ana" }))).Devices?.length, 1);
        await page.getByLabel("Device to forget").selectOption(device.DeviceKey!);
        await page.getByLabel(/Yes, forget this device/).check();
        await page.getByRole("button", { name: "Forget device" }).click();
        await page.getByRole("status").filter({ hasText: "The device was forgotten." }).waitFor();
        assert.deepEqual((await cognito.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: "ana" }))).Devices, []);
        assert.match(await page.locator("#devices").locator("..").innerText(), /No device\./);
      } finally {
        await context.close();
      }
    });

    test("a pool's identity providers, domain, resource servers, MFA and Lambda triggers, through the same operations as the API", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "surroundings", AutoVerifiedAttributes: ["email"] }));
      const poolId = UserPool!.Id!;
      const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" }));
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "console.apps.googleusercontent.com", client_secret: "google-client-secret-never-shown", authorize_scopes: "openid email" },
          AttributeMapping: { email: "email" },
        }),
      );
      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "https://api.example.com", Name: "Orders API", Scopes: [{ ScopeName: "orders.read", ScopeDescription: "Read orders" }] }));
      const { context, page } = await chromium.context(cognate.url);
      const poolNavigation = () => page.getByRole("navigation", { name: /User pool/ });
      try {
        await page.goto(`${cognate.url}/console/pools/${poolId}`);
        await poolNavigation().getByRole("link", { name: "Identity providers" }).click();
        await page.getByRole("link", { name: "Google" }).click();
        await page.getByRole("heading", { name: "Identity provider Google" }).waitFor();
        const details = await page.getByRole("table", { name: "The provider's settings" }).innerText();
        assert.match(details, /client_id\s+console\.apps\.googleusercontent\.com/);
        assert.match(details, /client_secret\s+\(set, hidden\)/);
        assert.ok(!(await page.content()).includes("google-client-secret-never-shown"), "a provider's secret never reaches the page");
        await expectNoSeriousViolations(page, "an identity provider");
        await page.getByLabel(/Yes, delete Google/).check();
        await page.getByRole("button", { name: "Delete identity provider" }).click();
        await page.getByRole("status").filter({ hasText: "Deleted." }).waitFor();
        assert.match(await page.locator("main").innerText(), /No identity provider/);

        await poolNavigation().getByRole("link", { name: "Domain" }).click();
        await page.getByLabel("Domain prefix").fill(`console-${backend}`);
        await page.getByRole("button", { name: "Create domain" }).click();
        await page.getByRole("status").filter({ hasText: "Created." }).waitFor();
        assert.match(await page.locator("dl").innerText(), new RegExp(`Host name\\s+console-${backend}\\.auth\\.us-east-1\\.amazoncognito\\.com`));
        assert.equal((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.Domain, `console-${backend}`);
        await expectNoSeriousViolations(page, "the domain");

        await poolNavigation().getByRole("link", { name: "Resource servers" }).click();
        assert.match(await page.getByRole("table").innerText(), /https:\/\/api\.example\.com\s+Orders API\s+https:\/\/api\.example\.com\/orders\.read Read orders/);

        await poolNavigation().getByRole("link", { name: "Overview" }).click();
        await page.getByLabel("MFA", { exact: true }).selectOption("OPTIONAL");
        await page.getByLabel("Email messages (Essentials or Plus tier)").check();
        await page.getByRole("button", { name: "Save MFA settings" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        const mfa = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
        assert.equal(mfa.MfaConfiguration, "OPTIONAL");
        assert.ok(mfa.EmailMfaConfiguration !== undefined);

        await poolNavigation().getByRole("link", { name: "Triggers" }).click();
        await page.getByLabel("Pre sign-up").fill(NOOP_ARN);
        await page.getByRole("button", { name: "Save triggers" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
        assert.deepEqual(described.LambdaConfig, { PreSignUp: NOOP_ARN });
        assert.equal(described.MfaConfiguration, "OPTIONAL", "saving the triggers kept the other settings");
        await cognito.send(new SignUpCommand({ ClientId: UserPoolClient!.ClientId!, Username: "newcomer", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: "newcomer@example.com" }] }));
        await page.reload();
        assert.match(await page.getByRole("table", { name: /latest trigger calls/ }).innerText(), new RegExp(`PreSignUp_SignUp\\s+${NOOP_ARN}\\s+Answered`));
        await expectNoSeriousViolations(page, "the triggers");
        await page.getByLabel("Pre sign-up").fill("");
        await page.getByRole("button", { name: "Save triggers" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        assert.deepEqual((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.LambdaConfig ?? {}, {});
      } finally {
        await context.close();
      }
    });

    test("a browser opening Cognate's address lands in the console, which loads nothing from elsewhere", async () => {
      const { context, page, foreignRequests } = await chromium.context(cognate.url);
      try {
        const response = await page.goto(cognate.url);
        assert.equal(new URL(page.url()).pathname, "/console");
        assert.equal(response?.status(), 200);
        await page.getByRole("heading", { name: "User pools", level: 1 }).waitFor();
        await page.getByRole("link", { name: "crowd" }).click();
        await page.getByRole("heading", { name: "crowd", level: 1 }).waitFor();
        assert.equal(await page.getByLabel("JWKS (token signing keys)").inputValue(), `${cognate.url}/${crowd.poolId}/.well-known/jwks.json`);
        assert.equal(await page.getByLabel("Token endpoint").inputValue(), `${cognate.url}/oauth2/token`);
        assert.deepEqual(foreignRequests, []);
        const api = await fetch(cognate.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1" }, body: "{}" });
        assert.equal(api.status, 400, "POST / is still the API");
        const tool = await fetch(cognate.url, { redirect: "manual" });
        assert.match(tool.headers.get("x-amzn-errortype") ?? "", /^UnknownOperationException/, "a GET / that does not ask for HTML keeps its AWS answer");
      } finally {
        await context.close();
      }
    });

    test("find a user among thousands, set a temporary password, and the API then asks for a new password", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await page.goto(`${cognate.url}/console/pools/${crowd.poolId}/users`);
        await page.getByLabel("Attribute").selectOption("email");
        await page.getByLabel("Match").selectOption("=");
        await page.getByLabel("Value").fill("user02718@example.com");
        const started = Date.now();
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByRole("link", { name: "user02718" }).waitFor();
        assert.ok(Date.now() - started < 10_000, "the search answers quickly");
        assert.equal(await page.locator("tbody tr").count(), 1);
        await expectNoSeriousViolations(page, "the users page");

        await page.getByRole("link", { name: "user02718" }).click();
        await page.getByRole("heading", { name: "User user02718" }).waitFor();
        await page.getByLabel("New password").fill("Temporary-Pass-42");
        await page.getByLabel("Temporary: the user must choose a new one at sign-in").check();
        await page.getByRole("button", { name: "Set password", exact: true }).click();
        await page.getByRole("status").filter({ hasText: "The password was set." }).waitFor();
        assert.match(await page.locator("dl").first().innerText(), /FORCE_CHANGE_PASSWORD/);
        assert.ok(!page.url().includes("Temporary-Pass-42"), "the password never reaches a URL");
        await expectNoSeriousViolations(page, "the user page");

        const signIn = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: crowd.poolId,
            ClientId: crowd.clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "user02718", PASSWORD: "Temporary-Pass-42" },
          }),
        );
        assert.equal(signIn.ChallengeName, "NEW_PASSWORD_REQUIRED");
      } finally {
        await context.close();
      }
    });

    test("a user created in the console gets an invitation whose code the outbox shows, newest first", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await page.goto(`${cognate.url}/console/pools/${crowd.poolId}/users`);
        await page.getByLabel("Username").fill("invitee");
        await page.getByLabel("Email", { exact: true }).fill("invitee@example.com");
        await page.getByRole("button", { name: "Create user" }).click();
        await page.getByRole("heading", { name: "User invitee" }).waitFor();
        await page.getByRole("navigation", { name: /User pool/ }).getByRole("link", { name: "Messages" }).click();
        await page.getByRole("heading", { name: "Outbox" }).waitFor();
        const newest = page.locator("tbody tr").first();
        assert.match(await newest.innerText(), /invitee/);
        const code = (await newest.locator("code.code").innerText()).trim();
        assert.ok(code.length >= 6);
        await expectNoSeriousViolations(page, "the outbox");

        const signIn = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: crowd.poolId,
            ClientId: crowd.clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "invitee", PASSWORD: code },
          }),
        );
        assert.equal(signIn.ChallengeName, "NEW_PASSWORD_REQUIRED");
      } finally {
        await context.close();
      }
    });

    test("pool settings save without resetting the others, and deletion asks for the pool's name", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await page.goto(`${cognate.url}/console`);
        await page.getByLabel("Pool name").fill("settings-pool");
        await page.getByRole("button", { name: "Create pool" }).click();
        await page.getByRole("heading", { name: "settings-pool", level: 1 }).waitFor();
        await expectNoSeriousViolations(page, "the pool page");
        await page.getByLabel("Minimum length").fill("12");
        await page.getByLabel("Symbols").check();
        await page.getByRole("button", { name: "Save password policy" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        await page.getByLabel("Deletion protection (the pool cannot be deleted while on)").check();
        await page.getByRole("button", { name: "Save options" }).click();
        await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
        assert.equal(await page.getByLabel("Minimum length").inputValue(), "12", "saving the options kept the password policy");
        assert.equal(await page.getByLabel("Symbols").isChecked(), true);

        await page.getByLabel(/Type the pool's name/).fill("not-the-name");
        await page.getByRole("button", { name: "Delete pool" }).click();
        assert.match(await page.getByRole("alert").innerText(), /does not match the pool's name: nothing was deleted/);
        await page.getByLabel(/Type the pool's name/).fill("settings-pool");
        await page.getByRole("button", { name: "Delete pool" }).click();
        assert.match(await page.getByRole("alert").innerText(), /InvalidParameterException: The user pool cannot be deleted because deletion protection is activated/);
        await page.getByLabel("Deletion protection (the pool cannot be deleted while on)").uncheck();
        await page.getByRole("button", { name: "Save options" }).click();
        await page.getByLabel(/Type the pool's name/).fill("settings-pool");
        await page.getByRole("button", { name: "Delete pool" }).click();
        await page.getByRole("status").filter({ hasText: "Deleted." }).waitFor();
        assert.equal(await page.getByRole("link", { name: "settings-pool" }).count(), 0);
      } finally {
        await context.close();
      }
    });

    test("the audit trail names the console's changes, filtered by caller and operation", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await page.goto(`${cognate.url}/console/audit?operation=AdminSetUserPassword`);
        await page.getByRole("heading", { name: "Audit trail" }).waitFor();
        const rows = await page.locator("tbody tr").allInnerTexts();
        assert.ok(rows.length >= 1);
        assert.ok(rows.every((row) => row.includes("AdminSetUserPassword")));
        assert.match(rows[0]!, /arn:aws:iam::\d+:user\/console/);
        await expectNoSeriousViolations(page, "the audit trail");
        await page.goto(`${cognate.url}/console/clock`);
        await expectNoSeriousViolations(page, "the clock");
      } finally {
        await context.close();
      }
    });

    test("a form posted without the console's CSRF token changes nothing", async () => {
      const response = await fetch(`${cognate.url}/console/pools/${crowd.poolId}/users/user00001/disable`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "_csrf=forged",
        redirect: "manual",
      });
      assert.equal(response.status, 403);
      const page = await fetch(`${cognate.url}/console/pools/${crowd.poolId}/users/user00001`);
      assert.match(await page.text(), /Disable user/);
    });
  });

  describe(`admin console in headless Chromium, secure mode (${backend})`, () => {
    const ADMIN = { accessKeyId: "AKIACONSOLEADMIN0001", secretAccessKey: "console-admin-secret" };
    const VIEWER = { accessKeyId: "AKIACONSOLEVIEWER001", secretAccessKey: "console-viewer-secret" };
    let cognate: RunningCognate;
    let chromium: HeadlessChromium;
    let dir: string;
    let poolId: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "cognate-console-"));
      const file = join(dir, "credentials.json");
      writeFileSync(
        file,
        JSON.stringify({
          credentials: [
            { name: "admin", ...ADMIN },
            {
              name: "viewer",
              ...VIEWER,
              policy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["cognito-idp:Describe*", "cognito-idp:List*", "cognito-idp:Get*", "cognito-idp:AdminGetUser", "cognito-idp:AdminListGroupsForUser"], Resource: "*" } },
            },
          ],
        }),
      );
      cognate = await startCognate({ backend, env: { COGNATE_CREDENTIALS: file } });
      const admin = cognate.client(ADMIN);
      poolId = (await admin.send(new CreateUserPoolCommand({ PoolName: "guarded" }))).UserPool!.Id!;
      await cognate.app.invoke("AdminCreateUser", { UserPoolId: poolId, Username: "ana", MessageAction: "SUPPRESS" }, await cognate.app.localContext());
      chromium = await launchChromium();
    });
    after(async () => {
      await chromium?.close();
      await cognate?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function signIn(page: Page, credential: { accessKeyId: string; secretAccessKey: string }) {
      await page.goto(`${cognate.url}/console`);
      assert.equal(new URL(page.url()).pathname, "/console/sign-in");
      await page.getByLabel("Access key id").fill(credential.accessKeyId);
      await page.getByLabel("Secret access key").fill(credential.secretAccessKey);
      await page.getByRole("button", { name: "Sign in" }).click();
    }

    test("the console asks for a credential, refuses a wrong secret, and keeps a strict session cookie", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await signIn(page, { accessKeyId: ADMIN.accessKeyId, secretAccessKey: "wrong" });
        assert.match(await page.getByRole("alert").innerText(), /not right/);
        await expectNoSeriousViolations(page, "the sign-in page");
        await signIn(page, ADMIN);
        await page.getByRole("heading", { name: "User pools", level: 1 }).waitFor();
        assert.match(await page.locator("header").innerText(), /Signed in as arn:aws:iam::\d+:user\/admin/);
        const session = (await context.cookies()).find((cookie) => cookie.name === "cognate-console-session");
        assert.ok(session);
        assert.equal(session.httpOnly, true);
        assert.equal(session.sameSite, "Strict");
        assert.ok(session.expires > Date.now() / 1000 && session.expires <= Date.now() / 1000 + 8 * 3600 + 60);
        assert.ok(!session.value.includes(ADMIN.secretAccessKey));
        await page.getByRole("button", { name: "Sign out", exact: true }).click();
        assert.equal(new URL(page.url()).pathname, "/console/sign-in");
        await page.goto(`${cognate.url}/console`);
        assert.equal(new URL(page.url()).pathname, "/console/sign-in");
      } finally {
        await context.close();
      }
    });

    test("console sign-ins count against the UserAuthentication quota", async () => {
      const throttled = await startCognate({ backend, env: { COGNATE_CREDENTIALS: join(dir, "credentials.json"), COGNATE_RATE_LIMITS: JSON.stringify({ UserAuthentication: 1 }) } });
      try {
        const form = await fetch(`${throttled.url}/console/sign-in`);
        const cookie = form.headers.get("set-cookie")!.split(";")[0]!;
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
        const attempt = () =>
          fetch(`${throttled.url}/console/sign-in`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ _csrf: csrf, accessKeyId: ADMIN.accessKeyId, secretAccessKey: "guess" }),
          });
        const statuses = [];
        for (let n = 0; n < 4; n += 1) statuses.push((await attempt()).status);
        assert.equal(statuses[0], 401);
        assert.ok(statuses.includes(429), `statuses ${statuses.join(", ")}`);
        const refused = await attempt();
        if (refused.status === 429) assert.match(await refused.text(), /TooManyRequestsException: Rate exceeded/);
      } finally {
        await throttled.close();
      }
    });

    test("behind TLS (an https public URL) the console's cookies are Secure too", async () => {
      const tls = await startCognate({ backend, env: { COGNATE_CREDENTIALS: join(dir, "credentials.json"), COGNATE_PUBLIC_URL: "https://cognate.example.com" } });
      try {
        const form = await fetch(`${tls.url}/console/sign-in`);
        const csrfCookie = form.headers.get("set-cookie")!;
        assert.match(csrfCookie, /^cognate-console-csrf=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Secure$/);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
        const signedIn = await fetch(`${tls.url}/console/sign-in`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: csrfCookie.split(";")[0]!, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf, ...ADMIN }),
        });
        assert.equal(signedIn.status, 303);
        assert.match(signedIn.headers.get("set-cookie")!, /^cognate-console-session=[^;]+; Path=\/console; HttpOnly; SameSite=Strict; Secure; Max-Age=28800$/);
      } finally {
        await tls.close();
      }
    });

    test("a credential whose policy does not allow an action sees AccessDeniedException's words; an allowed one's change is audited under its ARN", async () => {
      const { context, page } = await chromium.context(cognate.url);
      try {
        await signIn(page, VIEWER);
        await page.getByRole("link", { name: "guarded" }).click();
        await page.getByRole("navigation", { name: /User pool/ }).getByRole("link", { name: "Users" }).click();
        await page.getByRole("link", { name: "ana" }).click();
        // A section the policy does not let the credential read says so; the rest of the user is shown.
        assert.match(
          await page.locator("section", { has: page.getByRole("heading", { name: "Devices" }) }).innerText(),
          /AccessDeniedException: User: arn:aws:iam::\d+:user\/viewer is not authorized to perform: cognito-idp:AdminListDevices on resource: /,
        );
        await page.getByLabel("New password").fill("Permanent-Pass-42");
        await page.getByLabel("Permanent", { exact: true }).check();
        await page.getByRole("button", { name: "Set password", exact: true }).click();
        const alert = await page.getByRole("alert").innerText();
        assert.match(alert, new RegExp(`AccessDeniedException: User: arn:aws:iam::\\d+:user/viewer is not authorized to perform: cognito-idp:AdminSetUserPassword on resource: arn:aws:cognito-idp:[\\w-]+:\\d+:userpool/${poolId}`));
        await expectNoSeriousViolations(page, "a refused action");

        await page.goto(`${cognate.url}/console/pools/${poolId}/users/ana`);
        assert.match(await page.locator("dl").first().innerText(), /FORCE_CHANGE_PASSWORD/, "the refused action changed nothing");
        await page.getByRole("link", { name: "Audit trail" }).click();
        assert.match(
          await page.getByRole("alert").innerText(),
          /AccessDeniedException: User: arn:aws:iam::\d+:user\/viewer is not authorized to perform: cognate:ListAuditEvents on resource: \*/,
        );

        // The same action by a credential allowed to do it is recorded under that caller's ARN.
        await page.getByRole("button", { name: "Sign out", exact: true }).click();
        await signIn(page, ADMIN);
        await page.goto(`${cognate.url}/console/pools/${poolId}/users/ana`);
        await page.getByLabel("New password").fill("Permanent-Pass-42");
        await page.getByLabel("Permanent", { exact: true }).check();
        await page.getByRole("button", { name: "Set password", exact: true }).click();
        await page.getByRole("status").filter({ hasText: "The password was set." }).waitFor();
        await page.goto(`${cognate.url}/console/audit`);
        await page.getByLabel("Caller").fill((await page.locator("header .who").innerText()).replace("Signed in as ", ""));
        await page.getByLabel("Operation").fill("AdminSetUserPassword");
        await page.getByRole("button", { name: "Filter" }).click();
        const rows = await page.locator("tbody tr").allInnerTexts();
        assert.equal(rows.length, 1);
        assert.match(rows[0]!, /arn:aws:iam::\d+:user\/admin/);
        assert.match(rows[0]!, /Success/);

        // The refusal is in the trail too, under the refused caller's ARN, as a refused API call is.
        await page.getByLabel("Caller").fill(rows[0]!.match(/arn:aws:iam::\d+:user\/admin/)![0].replace(/admin$/, "viewer"));
        await page.getByRole("button", { name: "Filter" }).click();
        const refused = await page.locator("tbody tr").allInnerTexts();
        assert.equal(refused.length, 1);
        assert.match(refused[0]!, /arn:aws:iam::\d+:user\/viewer/);
        assert.match(refused[0]!, new RegExp(`AdminSetUserPassword\\s+${poolId}\\s+ana\\s+Failed: AccessDeniedException`));
      } finally {
        await context.close();
      }
    });
  });
}
