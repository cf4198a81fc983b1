import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import * as oidc from "openid-client";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser } from "../helpers/cookieBrowser.js";
import { signInAtOidcProvider, startOidcProvider } from "../helpers/openIdProvider.js";
import { APPLE_APP, SOCIAL_CLIENT, startSocialProviders, type SocialProviders } from "../helpers/socialProviders.js";

const CALLBACK = "http://localhost:3000/callback";

function claimsOf(jwt: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

for (const backend of backends) {
  describe(`social providers pointed at local stand-ins (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let google: { issuer: string; close(): Promise<void> };
    let social: SocialProviders;
    let poolId: string;
    let clientId: string;
    let config: oidc.Configuration;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      google = await startOidcProvider(`${cognate.url}/oauth2/idpresponse`, (id) => `Name of ${id}`, { claimsInIdToken: true });
      social = await startSocialProviders();
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "social" }));
      poolId = UserPool!.Id!;
      const providers = [
        {
          ProviderName: "Google",
          ProviderDetails: {
            client_id: "cognate",
            client_secret: "cognate-secret-at-the-idp",
            authorize_scopes: "openid email profile",
            authorize_url: `${google.issuer}/auth`,
            token_url: `${google.issuer}/token`,
            jwks_uri: `${google.issuer}/jwks`,
            oidc_issuer: google.issuer,
          },
          AttributeMapping: { email: "email", name: "name" },
        },
        {
          ProviderName: "Facebook",
          ProviderDetails: {
            client_id: SOCIAL_CLIENT.id,
            client_secret: SOCIAL_CLIENT.secret,
            authorize_scopes: "public_profile,email",
            authorize_url: `${social.url}/facebook/dialog/oauth`,
            token_url: `${social.url}/facebook/oauth/access_token`,
            attributes_url: `${social.url}/facebook/me?fields=`,
          },
          AttributeMapping: { email: "email", name: "name" },
        },
        {
          ProviderName: "LoginWithAmazon",
          ProviderDetails: {
            client_id: SOCIAL_CLIENT.id,
            client_secret: SOCIAL_CLIENT.secret,
            authorize_scopes: "profile",
            authorize_url: `${social.url}/amazon/ap/oa`,
            token_url: `${social.url}/amazon/auth/o2/token`,
            attributes_url: `${social.url}/amazon/user/profile`,
          },
          AttributeMapping: { email: "email", name: "name" },
        },
        {
          ProviderName: "SignInWithApple",
          ProviderDetails: {
            client_id: APPLE_APP.clientId,
            team_id: APPLE_APP.teamId,
            key_id: APPLE_APP.keyId,
            private_key: social.applePrivateKey,
            authorize_scopes: "email name",
            authorize_url: `${social.url}/apple/auth/authorize`,
            token_url: `${social.url}/apple/auth/token`,
            jwks_uri: `${social.url}/apple/auth/keys`,
            oidc_issuer: `${social.url}/apple`,
          },
          AttributeMapping: { email: "email", name: "name", given_name: "firstName" },
        },
      ] as const;
      for (const provider of providers) {
        await cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderType: provider.ProviderName, ...provider }));
      }
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "web",
          SupportedIdentityProviders: ["COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email", "profile"],
          CallbackURLs: [CALLBACK],
        }),
      );
      clientId = UserPoolClient!.ClientId!;
      config = await oidc.discovery(new URL(`${cognate.url}/${poolId}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    });
    after(() => Promise.all([cognate.close(), google.close(), social.close()]));

    const authorizeUrl = (provider: string, state: string) =>
      oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid email profile", state, identity_provider: provider }).href;

    /** Follows redirects (Cognate's and the provider's) until the client's callback. */
    async function followToCallback(browser: Browser, start: string): Promise<URL> {
      let location = new URL(start);
      for (let step = 0; step < 8; step++) {
        if (location.href.startsWith(CALLBACK)) return location;
        const response = await browser.get(location.href);
        assert.equal(response.status, 302, `${location.href} answered ${response.status}`);
        location = new URL(response.headers.get("location")!, location);
      }
      assert.fail("the sign-in never came back to the client");
    }

    async function idTokenAt(back: URL, state: string): Promise<Record<string, unknown>> {
      assert.equal(back.searchParams.get("error_description"), null);
      const tokens = await oidc.authorizationCodeGrant(config, back, { expectedState: state });
      return claimsOf(tokens.id_token);
    }

    test("Google: an OpenID provider answering as Google signs in Google_<sub>, its ID token's claims mapped", async () => {
      const back = await signInAtOidcProvider(new Browser(), authorizeUrl("Google", "g"), "118200", google.issuer, CALLBACK);
      const id = await idTokenAt(back, "g");
      assert.equal(id["cognito:username"], "Google_118200");
      assert.equal(id.email, "118200@corp.example");
      assert.equal(id.name, "Name of 118200");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_Google`]);
      assert.equal((id.identities as Array<Record<string, unknown>>)[0]!.providerType, "Google");
    });

    test("Facebook: the code is exchanged with a GET, the Graph API is asked for the mapped fields, and `id` is the subject", async () => {
      social.next.facebook = { id: "10220", email: "fb@example.com", name: "Fay Book", birthday: "01/01/1990" };
      const back = await followToCallback(new Browser(), authorizeUrl("Facebook", "f"));
      const id = await idTokenAt(back, "f");
      assert.equal(id["cognito:username"], "Facebook_10220");
      assert.equal(id.email, "fb@example.com");
      assert.equal(id.name, "Fay Book");
      assert.equal(social.seen.facebookTokenMethod, "GET");
      assert.deepEqual(social.seen.facebookFields!.split(",").sort(), ["email", "id", "name"]);
    });

    test("Login with Amazon: the profile's user_id is the subject", async () => {
      social.next.amazon = { user_id: "amzn1.account.AF2", email: "amy@example.com", name: "Amy Zon" };
      const back = await followToCallback(new Browser(), authorizeUrl("LoginWithAmazon", "a"));
      const id = await idTokenAt(back, "a");
      assert.equal(id["cognito:username"], "LoginWithAmazon_amzn1.account.AF2");
      assert.equal(id.email, "amy@example.com");
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "LoginWithAmazon_amzn1.account.AF2" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
    });

    test("Sign in with Apple: asked for the email, Apple posts its answer; Cognate's client secret is a JWT signed with the team's key", async () => {
      social.next.apple = { sub: "001234.apple", email: "x1@privaterelay.appleid.com", email_verified: true };
      social.appleUser = JSON.stringify({ name: { firstName: "Ann", lastName: "Apfel" }, email: "x1@privaterelay.appleid.com" });
      const browser = new Browser();
      const toApple = await browser.get(authorizeUrl("SignInWithApple", "ap"));
      assert.equal(toApple.status, 302);
      const page = await (await browser.get(toApple.headers.get("location")!)).text();
      const action = /action="([^"]+)"/.exec(page)![1]!;
      const fields = Object.fromEntries([...page.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((match) => [match[1]!, match[2]!.replaceAll("&quot;", '"')]));
      assert.equal(action, `${cognate.url}/oauth2/idpresponse`);
      const posted = await browser.post(action, fields);
      assert.equal(posted.status, 302);
      const id = await idTokenAt(new URL(posted.headers.get("location")!), "ap");
      assert.equal(id["cognito:username"], "SignInWithApple_001234.apple");
      assert.equal(id.email, "x1@privaterelay.appleid.com");
      assert.equal(id.name, "Ann Apfel", "the name Apple posts beside the code is mapped");
      assert.equal(id.given_name, "Ann");
      assert.ok(social.seen.appleNonce, "Apple was given a nonce to echo");
    });

    test("a provider refusing the code sends the browser back with error=invalid_request and the reason", async () => {
      social.next.facebook = { id: "10221" };
      const browser = new Browser();
      const toFacebook = await browser.get(authorizeUrl("Facebook", "bad"));
      const atProvider = await browser.get(toFacebook.headers.get("location")!);
      const idpResponse = new URL(atProvider.headers.get("location")!);
      idpResponse.searchParams.set("code", "not-a-code");
      const back = new URL((await browser.get(idpResponse.href)).headers.get("location")!);
      assert.equal(back.origin + back.pathname, CALLBACK);
      assert.equal(back.searchParams.get("error"), "invalid_request");
      assert.equal(back.searchParams.get("error_description"), "the provider's token endpoint refused the code");
      assert.equal(back.searchParams.get("state"), "bad");
    });
  });
}
