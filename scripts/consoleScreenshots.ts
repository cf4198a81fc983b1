// Takes the README's screenshots of the admin console: starts Cognate (dev mode, SQLite in a temporary
// directory), fills a pool through the API, and has headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) capture the main pages, one of them at a phone's width.
// Run with `npx tsx scripts/consoleScreenshots.ts`; writes docs/screenshots/console-*.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  ConfirmDeviceCommand,
  CreateGroupCommand,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  InitiateAuthCommand,
  SignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../test/helpers/cognate.js";
import { launchChromium } from "../test/helpers/browser.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

// A trigger function that answers its event unchanged, so that the triggers page has invocations to show.
const functionsDir = mkdtempSync(join(tmpdir(), "cognate-screenshots-"));
writeFileSync(join(functionsDir, "noop.mjs"), "export const handler = async (event) => event;\n");
writeFileSync(join(functionsDir, "functions.json"), JSON.stringify({ noop: "./noop.mjs" }));
const NOOP_ARN = "arn:aws:lambda:us-east-1:000000000000:function:noop";

const cognate = await startCognate({ backend: "sqlite", env: { COGNATE_FUNCTIONS: join(functionsDir, "functions.json") } });
const chromium = await launchChromium();
try {
  const cognito = cognate.client();
  const poolId = (
    await cognito.send(
      new CreateUserPoolCommand({
        PoolName: "acme-customers",
        UsernameAttributes: ["email"],
        AutoVerifiedAttributes: ["email"],
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
        LambdaConfig: { PreSignUp: NOOP_ARN },
      }),
    )
  ).UserPool!.Id!;
  await cognito.send(new CreateUserPoolCommand({ PoolName: "acme-staff" }));
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  const clientId = UserPoolClient!.ClientId!;
  await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "admins", Description: "Can manage the shop" }));
  const names = ["ana", "bruno", "carla", "diego", "elena", "farid", "grace", "hugo"];
  for (const name of names) {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: `${name}@example.com`,
        UserAttributes: [{ Name: "email", Value: `${name}@example.com` }, { Name: "email_verified", Value: "true" }, { Name: "name", Value: name[0]!.toUpperCase() + name.slice(1) }],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
  }
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ana@example.com", Password: "Correct-Horse-42", Permanent: true }));
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "ana@example.com", GroupName: "admins" }));
  // Ana signs in from a laptop (a remembered device) and prefers email codes as her second factor.
  const signedIn = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana@example.com", PASSWORD: "Correct-Horse-42" } }));
  await cognito.send(
    new ConfirmDeviceCommand({
      AccessToken: signedIn.AuthenticationResult!.AccessToken!,
      DeviceKey: signedIn.AuthenticationResult!.NewDeviceMetadata!.DeviceKey!,
      DeviceName: "Ana's laptop",
      DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from("verifier").toString("base64"), Salt: Buffer.from("salt").toString("base64") },
    }),
  );
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: "OPTIONAL", EmailMfaConfiguration: {}, SoftwareTokenMfaConfiguration: { Enabled: true } }));
  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ana@example.com", EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: "Google",
      ProviderType: "Google",
      ProviderDetails: { client_id: "acme.apps.googleusercontent.com", client_secret: "not-shown", authorize_scopes: "openid email profile" },
      AttributeMapping: { email: "email", name: "name" },
    }),
  );
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: "acme-login", ManagedLoginVersion: 2 }));
  await cognito.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: "https://api.acme.example",
      Name: "Orders API",
      Scopes: [{ ScopeName: "orders.read", ScopeDescription: "Read orders" }, { ScopeName: "orders.write", ScopeDescription: "Place orders" }],
    }),
  );
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: "ines@example.com", Password: "Correct-Horse-42", UserAttributes: [{ Name: "email", Value: "ines@example.com" }] }));

  mkdirSync(OUT, { recursive: true });
  const { context, page } = await chromium.context(cognate.url);
  const shoot = async (path: string, file: string) => {
    await page.goto(`${cognate.url}${path}`);
    await page.screenshot({ path: `${OUT}${file}`, fullPage: true });
  };
  const pool = `/console/pools/${poolId}`;
  await shoot("/console", "console-pools.png");
  await shoot(pool, "console-pool.png");
  await shoot(`${pool}/users?attribute=email&operator=%5E%3D&value=`, "console-users.png");
  await page.goto(`${cognate.url}${pool}/users/ana%40example.com`);
  const anaUrl = page.url();
  await shoot(new URL(anaUrl).pathname, "console-user.png");
  await shoot(`${pool}/identity-providers/Google`, "console-identity-provider.png");
  await shoot(`${pool}/domain`, "console-domain.png");
  await shoot(`${pool}/resource-servers`, "console-resource-servers.png");
  await shoot(`${pool}/triggers`, "console-triggers.png");
  await shoot(`/console/outbox?poolId=${poolId}`, "console-outbox.png");
  await shoot("/console/audit", "console-audit.png");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${cognate.url}${pool}/users`);
  await page.screenshot({ path: `${OUT}console-phone.png` });
  await context.close();
} finally {
  await chromium.close();
  await cognate.close();
  rmSync(functionsDir, { recursive: true, force: true });
}
