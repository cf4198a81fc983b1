// Takes the README's screenshots of the admin console: starts Cognate (dev mode, SQLite in a temporary
// directory), fills a pool through the API, and has headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) capture the main pages, one of them at a phone's width.
// Run with `npx tsx scripts/consoleScreenshots.ts`; writes docs/screenshots/console-*.png.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../test/helpers/cognate.js";
import { launchChromium } from "../test/helpers/browser.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

const cognate = await startCognate({ backend: "sqlite" });
const chromium = await launchChromium();
try {
  const cognito = cognate.client();
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: "acme-customers", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] }))).UserPool!.Id!;
  await cognito.send(new CreateUserPoolCommand({ PoolName: "acme-staff" }));
  await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
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
  await shoot(`/console/outbox?poolId=${poolId}`, "console-outbox.png");
  await shoot("/console/audit", "console-audit.png");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${cognate.url}${pool}/users`);
  await page.screenshot({ path: `${OUT}console-phone.png` });
  await context.close();
} finally {
  await chromium.close();
  await cognate.close();
}
