// Takes the docs' screenshots of the managed login pages: starts Cognate on SQLite in a temporary
// directory, makes a pool, a client and a user, and has headless Chromium (Debian's /usr/bin/chromium)
// capture each page. Run with `npx tsx scripts/screenshots.ts`; writes docs/screenshots/*.png.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateUserPoolClientCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startCognate } from "../test/helpers/cognate.js";

const OUT = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));
const CALLBACK = "http://localhost:3000/callback";

const cognate = await startCognate({ backend: "sqlite" });
try {
  const cognito = cognate.client();
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "screenshots" }));
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      CallbackURLs: [CALLBACK],
    }),
  );
  const query = new URLSearchParams({ response_type: "code", client_id: UserPoolClient!.ClientId!, redirect_uri: CALLBACK, scope: "openid email" });
  mkdirSync(OUT, { recursive: true });
  await shoot(`${cognate.url}/login?${query}`, "login.png");
  await shoot(`${cognate.url}/oauth2/authorize?${new URLSearchParams({ ...Object.fromEntries(query), redirect_uri: "https://elsewhere.example/cb" })}`, "error.png");
} finally {
  await cognate.close();
}

/** Chromium runs beside the server in this process, so it must not block the event loop that answers it. */
async function shoot(url: string, file: string): Promise<void> {
  await promisify(execFile)("/usr/bin/chromium", [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=800,640",
    `--screenshot=${join(OUT, file)}`,
    url,
  ]);
}
