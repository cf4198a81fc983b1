import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { ListWebAuthnCredentialsCommand, InitiateAuthCommand, SetUserPoolMfaConfigCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { CHROMIUM_LAUNCH } from "../helpers/browser.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The relying party: the app's host. Browsers allow WebAuthn over plain http on localhost only. */
const RP_ID = "localhost";

/** What the page's script exposes to the test (window.app); every answer is plain data. */
interface PageApp {
  signInWithPassword(username: string, password: string): Promise<unknown>;
  signInWithPasskey(username: string): Promise<unknown>;
  associatePasskey(): Promise<void>;
  listPasskeys(): Promise<{ credentialId?: string; relyingPartyId?: string }[]>;
  session(): Promise<{ username?: string; hasTokens: boolean }>;
  signOut(): Promise<void>;
}

/** The application: Amplify v6 bundled for the browser by esbuild from node_modules, configured by the page. */
const PAGE_SCRIPT = `
import { Amplify } from "aws-amplify";
import { associateWebAuthnCredential, fetchAuthSession, listWebAuthnCredentials, signIn, signOut } from "aws-amplify/auth";
Amplify.configure(window.amplifyConfig);
window.app = {
  signInWithPassword: (username, password) => signIn({ username, password }),
  signInWithPasskey: (username) => signIn({ username, options: { authFlowType: "USER_AUTH", preferredChallenge: "WEB_AUTHN" } }),
  associatePasskey: () => associateWebAuthnCredential(),
  listPasskeys: async () => (await listWebAuthnCredentials()).credentials.map(({ credentialId, relyingPartyId }) => ({ credentialId, relyingPartyId })),
  session: async () => {
    const { tokens } = await fetchAuthSession();
    return { hasTokens: tokens !== undefined, username: tokens?.accessToken.payload.username };
  },
  signOut: () => signOut(),
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

/** The app's origin, http://localhost:<port>: a page and its script on loopback, nothing from the internet. */
async function serveApp(script: string, config: () => unknown): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === "/app.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      return;
    }
    if (request.url !== "/") {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><title>app</title><script>window.amplifyConfig = ${JSON.stringify(config())};</script><script type="module" src="/app.js"></script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, url: `http://${RP_ID}:${typeof address === "object" && address !== null ? address.port : 0}/` };
}

/** Runs one of the page's functions and hands back its answer, or the error's name and message. */
async function call(page: Page, name: keyof PageApp, ...args: string[]): Promise<unknown> {
  return page.evaluate(
    async ({ name, args }) => {
      const app = (window as unknown as { app: Record<string, (...args: string[]) => Promise<unknown>> }).app;
      try {
        return { ok: await app[name]!(...args) };
      } catch (error) {
        return { error: `${(error as Error).name}: ${(error as Error).message}` };
      }
    },
    { name, args },
  );
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
  describe(`Amplify v6 passkeys in headless Chromium with a virtual authenticator (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let app: { server: Server; url: string };
    let poolId: string;
    let clientId: string;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool({ UserPoolTier: "ESSENTIALS", Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } } });
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, WebAuthnConfiguration: { RelyingPartyId: RP_ID, UserVerification: "required" } }));
      ({ clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }));
      await fixture.confirmedUser(poolId, "ana");
      app = await serveApp(script, () => ({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: cognate.url } } }));
    });
    after(async () => {
      await new Promise((resolve) => app.server.close(resolve));
      await cognate.close();
    });

    test("associateWebAuthnCredential registers a passkey; signIn with USER_AUTH and WEB_AUTHN then signs in with it, no password", async () => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(app.url);
        await page.waitForFunction(() => "app" in window);
        // The platform authenticator a phone or laptop would be: resident keys, user verification, always present.
        const devtools = await context.newCDPSession(page);
        await devtools.send("WebAuthn.enable");
        const { authenticatorId } = await devtools.send("WebAuthn.addVirtualAuthenticator", {
          options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
        });

        assert.deepEqual(await call(page, "signInWithPassword", "ana", PASSWORD), { ok: { isSignedIn: true, nextStep: { signInStep: "DONE" } } });
        assert.deepEqual(await call(page, "associatePasskey"), { ok: undefined });
        const { credentials } = await devtools.send("WebAuthn.getCredentials", { authenticatorId });
        assert.equal(credentials.length, 1);
        assert.equal(credentials[0]!.rpId, RP_ID);
        assert.equal(credentials[0]!.isResidentCredential, true);
        const credentialId = Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url");
        assert.deepEqual(await call(page, "listPasskeys"), { ok: [{ credentialId, relyingPartyId: RP_ID }] });
        assert.deepEqual(await call(page, "signOut"), { ok: undefined });

        assert.deepEqual(await call(page, "signInWithPasskey", "ana"), { ok: { isSignedIn: true, nextStep: { signInStep: "DONE" } } });
        assert.deepEqual(await call(page, "session"), { ok: { hasTokens: true, username: "ana" } });
        const signCount = (await devtools.send("WebAuthn.getCredentials", { authenticatorId })).credentials[0]!.signCount;
        assert.ok(signCount >= 1, "the authenticator signed an assertion");

        // Cognate holds the passkey the browser made (the SDK sees it too).
        const { AuthenticationResult } = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ana", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD } }),
        );
        const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: AuthenticationResult!.AccessToken! }));
        assert.deepEqual(listed.Credentials!.map((credential) => credential.CredentialId), [credentialId]);
        assert.equal(listed.Credentials![0]!.AuthenticatorAttachment, "platform");
        assert.deepEqual(await call(page, "signOut"), { ok: undefined });
      } finally {
        await context.close();
      }
    });
  });
}
