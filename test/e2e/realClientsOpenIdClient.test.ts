import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import * as oidc from "openid-client";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "http://localhost:3000/auth/callback";

/**
 * openid-client (v6), as a web application uses it: discovery, the authorization code flow with PKCE and a
 * nonce (the sign-in form posted as a browser would, its cookie kept), the code exchange with its checks,
 * userInfo, a refresh and a revocation.
 */
for (const backend of backends) {
  describe(`openid-client against Cognate (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let poolId: string;
    let clientId: string;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      ({ clientId } = await fixture.client(poolId, {
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid", "email", "profile"],
        CallbackURLs: [CALLBACK],
      }));
      await fixture.confirmedUser(poolId, "carol", [
        { Name: "email", Value: "carol@example.com" },
        { Name: "email_verified", Value: "true" },
        { Name: "given_name", Value: "Carol" },
      ]);
    });
    after(() => cognate.close());

    /** The browser: the authorize URL, the login page it leads to, the form posted with its cookie; the callback URL. */
    async function signInAsBrowser(authorizationUrl: URL): Promise<URL> {
      const authorize = await fetch(authorizationUrl, { redirect: "manual" });
      assert.equal(authorize.status, 302);
      const loginUrl = new URL(authorize.headers.get("location")!, cognate.url);
      const page = await fetch(loginUrl, { redirect: "manual" });
      const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
      const html = await page.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, "&");
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const posted = await fetch(new URL(action, cognate.url), {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ _csrf: csrf, username: "carol", password: PASSWORD }).toString(),
      });
      assert.equal(posted.status, 302);
      return new URL(posted.headers.get("location")!);
    }

    test("discovery → code with PKCE and nonce → token → userInfo → refresh → revoke", async () => {
      const config = await oidc.discovery(new URL(`${cognate.url}/${poolId}`), clientId, undefined, oidc.None(), {
        execute: [oidc.allowInsecureRequests],
      });
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const state = oidc.randomState();
      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        nonce,
        state,
      });
      const callback = await signInAsBrowser(authorizationUrl);

      const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state });
      const claims = tokens.claims()!;
      assert.equal(claims.nonce, nonce);
      assert.equal(claims.email, "carol@example.com");
      assert.equal(tokens.token_type.toLowerCase(), "bearer");
      assert.equal(tokens.scope, undefined);

      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.deepEqual(info, { sub: claims.sub, email: "carol@example.com", email_verified: "true", given_name: "Carol", username: "carol" });

      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
      assert.equal(refreshed.claims()?.sub, claims.sub);

      await oidc.tokenRevocation(config, tokens.refresh_token!);
      await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), (error: Error & { error?: string }) => error.error === "invalid_grant");
    });
  });
}
