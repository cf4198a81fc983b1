import assert from "node:assert/strict";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "./cookieBrowser.js";

/** A real OpenID provider (oidc-provider) on loopback, whose development login accepts any account name. */
/**
 * `claimsInIdToken` puts the scopes' claims in the ID token, as Google does (oidc-provider otherwise keeps
 * them for userinfo when an access token is issued).
 */
export async function startOidcProvider(redirectUri: string, nameOf: (id: string) => string, options: { claimsInIdToken?: boolean } = {}): Promise<{ issuer: string; close(): Promise<void> }> {
  const { default: Provider } = await import("oidc-provider");
  const server: Server = (await import("node:http")).createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "cognate",
        client_secret: "cognate-secret-at-the-idp",
        redirect_uris: [redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@corp.example`, email_verified: true, name: nameOf(id) }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-cookie-key"] },
    conformIdTokenClaims: !(options.claimsInIdToken ?? false),
  });
  server.on("request", provider.callback());
  return { issuer, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Signs in at the provider (its development login) as `account`, from Cognate's authorize URL, and returns
 * where Cognate sends the browser back (the client's `callback`).
 */
export async function signInAtOidcProvider(browser: Browser, authorizeUrl: string, account: string, issuer: string, callback: string): Promise<URL> {
  let response = await browser.get(authorizeUrl);
  assert.equal(response.status, 302, "Cognate sends the browser to the provider");
  let location = new URL(response.headers.get("location")!, authorizeUrl);
  assert.equal(location.origin, issuer);
  for (let step = 0; step < 12; step++) {
    if (location.href.startsWith(callback)) return location;
    if (/^\/interaction\/[^/]+$/.test(location.pathname) && location.origin === issuer) {
      const page = await (await browser.get(location.href)).text();
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      response = await browser.post(location.href, prompt === "login" ? { prompt, login: account, password: "any" } : { prompt: prompt! });
    } else {
      response = await browser.get(location.href);
    }
    assert.ok([302, 303].includes(response.status), `${location.href} answered ${response.status}`);
    location = new URL(response.headers.get("location")!, location);
  }
  assert.fail("the sign-in never came back to the client");
}
