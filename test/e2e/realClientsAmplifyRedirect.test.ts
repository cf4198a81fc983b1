import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { CHROMIUM_LAUNCH } from "../helpers/browser.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCOPES = ["openid", "email", "profile", "aws.cognito.signin.user.admin"];

/** What the page's script exposes to the test (window.app). */
interface PageApp {
  signInWithRedirect(): Promise<void>;
  signOut(): Promise<void>;
  session(): Promise<{ username?: string; email?: string; scope?: string; hasTokens: boolean }>;
}

/**
 * The application: Amplify v6 bundled for the browser by esbuild from node_modules, configured by the page
 * with the pool's OAuth domain (Cognate's host and port: Amplify prepends https:// itself).
 */
const PAGE_SCRIPT = `
import { Amplify } from "aws-amplify";
import { fetchAuthSession, signInWithRedirect, signOut } from "aws-amplify/auth";
Amplify.configure(window.amplifyConfig);
window.app = {
  signInWithRedirect: () => signInWithRedirect(),
  signOut: () => signOut(),
  session: async () => {
    const { tokens } = await fetchAuthSession();
    return {
      hasTokens: tokens !== undefined,
      username: tokens?.accessToken.payload.username,
      scope: tokens?.accessToken.payload.scope,
      email: tokens?.idToken?.payload.email,
    };
  },
};
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: REPO_ROOT, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** The app's origin: a page and its script on loopback, nothing from the internet. */
async function serveApp(script: string, config: () => unknown): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === "/app.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      return;
    }
    if (request.url === "/favicon.ico") {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><title>app</title><script>window.amplifyConfig = ${JSON.stringify(config())};</script><script type="module" src="/app.js"></script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/` };
}

let script: string;
let browser: Browser;
before(async () => {
  script = await bundle();
  // launch() gives the browser a fresh, temporary profile of its own.
  browser = await chromium.launch(CHROMIUM_LAUNCH);
});
after(() => browser?.close());

for (const backend of backends) {
  describe(`Amplify v6 signInWithRedirect in headless Chromium through the managed login page, Cognate over --tls (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let app: { server: Server; url: string };
    let poolId: string;
    let clientId: string;
    before(async () => {
      cognate = await startCognate({ backend, tls: true });
      cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      app = await serveApp(script, () => ({
        Auth: {
          Cognito: {
            userPoolId: poolId,
            userPoolClientId: clientId,
            userPoolEndpoint: cognate.url,
            loginWith: {
              oauth: {
                domain: new URL(cognate.url).host,
                scopes: SCOPES,
                redirectSignIn: [app.url],
                redirectSignOut: [app.url],
                responseType: "code",
              },
            },
          },
        },
      }));
      ({ clientId } = await fixture.client(poolId, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: SCOPES,
        CallbackURLs: [app.url],
        LogoutURLs: [app.url],
      }));
      await fixture.confirmedUser(poolId, "alice", [
        { Name: "email", Value: "alice@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
    });
    after(async () => {
      await new Promise((resolve) => app.server.close(resolve));
      await cognate.close();
    });

    test("signInWithRedirect → /oauth2/authorize → the login form → back with a code → fetchAuthSession has the tokens; signOut goes through /logout", async () => {
      // The self-signed certificate is trusted for this context only, as a developer would trust it once.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const visited: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        visited.push(`${url.origin}${url.pathname}`);
        // Only the app and Cognate: anything else would be the internet.
        return url.hostname === "127.0.0.1" ? route.continue() : route.abort();
      });
      const page: Page = await context.newPage();
      try {
        await page.goto(app.url);
        await page.waitForFunction(() => "app" in window);
        assert.equal((await page.evaluate(() => (window as unknown as { app: PageApp }).app.session())).hasTokens, false);

        await page.evaluate(() => void (window as unknown as { app: PageApp }).app.signInWithRedirect());
        await page.waitForURL((url) => url.origin === cognate.url && url.pathname === "/login");
        await page.fill("#username", "alice");
        await page.fill("#password", PASSWORD);
        await Promise.all([page.waitForURL((url) => url.href.startsWith(app.url) && url.searchParams.has("code")), page.click("button[type=submit]")]);
        // Amplify exchanges the code at https://<domain>/oauth2/token from the page itself.
        await page.waitForFunction(() => "app" in window);
        const session = await page.evaluate(() => (window as unknown as { app: PageApp }).app.session());
        assert.deepEqual({ ...session, scope: undefined }, { hasTokens: true, username: "alice", email: "alice@example.com", scope: undefined });
        assert.deepEqual(session.scope?.split(" ").sort(), [...SCOPES].sort());
        assert.ok(visited.includes(`${cognate.url}/oauth2/authorize`));
        assert.ok(visited.includes(`${cognate.url}/oauth2/token`));

        await page.evaluate(() => void (window as unknown as { app: PageApp }).app.signOut());
        await page.waitForURL((url) => url.href === app.url && visited.includes(`${cognate.url}/logout`));
        await page.waitForFunction(() => "app" in window);
        assert.equal((await page.evaluate(() => (window as unknown as { app: PageApp }).app.session())).hasTokens, false);
      } finally {
        await context.close();
      }
    });
  });
}
