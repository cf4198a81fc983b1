import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminListGroupsForUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  ResourceNotFoundException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
  type LambdaConfigType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PostConfirmationTriggerHandler, PreSignUpTriggerHandler, PreTokenGenerationTriggerHandler } from "aws-lambda";
import * as oidc from "openid-client";
import type { TriggerInvocation } from "../../src/app.js";
import { rejectsWith } from "../helpers/assertions.js";
import { launchChromium, seriousAxeViolations, type HeadlessChromium } from "../helpers/browser.js";
import { backends, secureModeEnv, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { Browser } from "../helpers/cookieBrowser.js";
import { startLambdaServer, type LambdaServer } from "../helpers/lambdaServer.js";

const CALLBACK = "http://localhost:3000/callback";
const PASSWORD = "Native-passw0rd";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const preSignUp: PreSignUpTriggerHandler = async (event) => {
  if (event.userName === "Google_blocked") throw new Error("No sign-ups from blocked");
  return event;
};
const postConfirmation: PostConfirmationTriggerHandler = async (event) => event;
const preTokenGeneration: PreTokenGenerationTriggerHandler = async (event) => {
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: "federated" } } };
  return event;
};

function claimsOf(jwt: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** A pool with a Google provider left at Google's own addresses, and a client signing in through it. */
async function googlePool(cognito: CognitoIdentityProviderClient, LambdaConfig?: LambdaConfigType): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "stand-in", ...(LambdaConfig === undefined ? {} : { LambdaConfig }) }));
  const poolId = UserPool!.Id!;
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: "Google",
      ProviderType: "Google",
      ProviderDetails: { client_id: "1234.apps.googleusercontent.com", client_secret: "google-secret", authorize_scopes: "openid email profile" },
      AttributeMapping: { email: "email", email_verified: "email_verified", name: "name" },
    }),
  );
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      SupportedIdentityProviders: ["COGNITO", "Google"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
      CallbackURLs: [CALLBACK],
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

for (const backend of backends) {
  describe(`the dev-mode social provider stand-in, linking and EXTERNAL_PROVIDER users (${backend})`, () => {
    let cognate: RunningCognate;
    let lambda: LambdaServer;
    let cognito: CognitoIdentityProviderClient;
    let poolId: string;
    let clientId: string;
    let config: oidc.Configuration;
    before(async () => {
      lambda = await startLambdaServer({ "pre-sign-up": preSignUp as never, "post-confirmation": postConfirmation as never, "pre-token": preTokenGeneration as never });
      cognate = await startCognate({ backend, env: { COGNATE_LAMBDA_ENDPOINT: lambda.url } });
      cognito = cognate.client();
      ({ poolId, clientId } = await googlePool(cognito));
      config = await oidc.discovery(new URL(`${cognate.url}/${poolId}`), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    });
    after(async () => {
      await cognate.close();
      await lambda.close();
    });

    const authorizeQuery = (client: string, state: string) =>
      new URLSearchParams({
        response_type: "code",
        client_id: client,
        redirect_uri: CALLBACK,
        scope: "openid email profile aws.cognito.signin.user.admin",
        state,
        identity_provider: "Google",
      });

    /** Signs in on the stand-in page as the identity given; answers where Cognate sends the browser back. */
    async function standInSignIn(identity: { subject: string; email?: string; name?: string }, client = clientId, state = "st"): Promise<URL> {
      const browser = new Browser();
      const toProvider = await browser.get(`${cognate.url}/oauth2/authorize?${authorizeQuery(client, state)}`);
      assert.equal(toProvider.status, 302);
      const page = new URL(toProvider.headers.get("location")!);
      assert.equal(page.origin + page.pathname, `${cognate.url}/_cognate/federation/Google`);
      const form = await browser.get(page.href);
      assert.equal(form.status, 200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const answer = await browser.post(page.href, { _csrf: csrf, subject: identity.subject, email: identity.email ?? "", name: identity.name ?? "" });
      assert.equal(answer.status, 302);
      return new URL(answer.headers.get("location")!);
    }

    async function tokensFor(identity: { subject: string; email?: string; name?: string }, state = "st") {
      const back = await standInSignIn(identity, clientId, state);
      assert.equal(back.searchParams.get("error_description"), null);
      return oidc.authorizationCodeGrant(config, back, { expectedState: state });
    }

    test("Google at its public address goes to the stand-in page in dev mode; the identity typed there signs in as Google's answer would", async () => {
      const tokens = await tokensFor({ subject: "100200300", email: "grace@gmail.com", name: "Grace H" });
      const id = claimsOf(tokens.id_token);
      assert.equal(id["cognito:username"], "Google_100200300");
      assert.equal(id.email, "grace@gmail.com");
      assert.equal(id.email_verified, true);
      assert.equal(id.name, "Grace H");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_Google`]);
      assert.equal((id.identities as Array<Record<string, unknown>>)[0]!.providerName, "Google");
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Google_100200300" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
    });

    test("the stand-in form refuses a post without its CSRF token or without a subject, and a state it did not make", async () => {
      const browser = new Browser();
      const toProvider = await browser.get(`${cognate.url}/oauth2/authorize?${authorizeQuery(clientId, "c")}`);
      const page = toProvider.headers.get("location")!;
      const html = await (await browser.get(page)).text();
      assert.match(html, /<label for="subject">/);
      const forged = await browser.post(page, { _csrf: "forged", subject: "x" });
      assert.equal(forged.status, 403);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await forged.text())![1]!;
      const empty = await browser.post(page, { _csrf: csrf, subject: " " });
      assert.equal(empty.status, 400);
      const badState = await fetch(`${cognate.url}/_cognate/federation/Google?state=made.up`);
      assert.equal(badState.status, 400);
      await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Google_x" })), UserNotFoundException, "User does not exist.");
    });

    test("AdminLinkProviderForUser: the identity's next sign-in signs into the native user, whose identities gain Google", async () => {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "nina", MessageAction: "SUPPRESS" }));
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "nina", Password: PASSWORD, Permanent: true }));
      const link = (subject: string) =>
        cognito.send(
          new AdminLinkProviderForUserCommand({
            UserPoolId: poolId,
            DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "nina" },
            SourceUser: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: subject },
          }),
        );
      await link("g-nina");
      const linked = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nina" }));
      assert.equal(linked.UserStatus, "CONFIRMED");
      const identities = JSON.parse(linked.UserAttributes!.find((attribute) => attribute.Name === "identities")!.Value!) as Array<Record<string, unknown>>;
      assert.deepEqual(
        identities.map(({ userId, providerName, providerType, primary }) => ({ userId, providerName, providerType, primary })),
        [{ userId: "g-nina", providerName: "Google", providerType: "Google", primary: "false" }],
      );

      const id = claimsOf((await tokensFor({ subject: "g-nina", email: "nina@gmail.com" })).id_token);
      assert.equal(id["cognito:username"], "nina");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_Google`]);
      assert.equal((id.identities as Array<Record<string, unknown>>)[0]!.userId, "g-nina");
      await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Google_g-nina" })), UserNotFoundException, "User does not exist.");
      const native = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "nina", PASSWORD } }),
      );
      assert.ok(native.AuthenticationResult?.IdToken, "the native password still signs in");

      await rejectsWith(link("g-nina"), InvalidParameterException, "SourceUser is already linked to DestinationUser");
      for (const subject of ["l2", "l3", "l4", "l5"]) await link(subject);
      await rejectsWith(link("l6"), LimitExceededException, "A user can have at most 5 linked identities.");

      // AdminDisableProviderForUser removes the link: the identity's next sign-in makes a user of its own.
      await cognito.send(
        new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "g-nina" } }),
      );
      const unlinked = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nina" }));
      const left = JSON.parse(unlinked.UserAttributes!.find((attribute) => attribute.Name === "identities")!.Value!) as Array<Record<string, unknown>>;
      assert.deepEqual(left.map((entry) => entry.userId), ["l2", "l3", "l4", "l5"]);
      assert.equal(claimsOf((await tokensFor({ subject: "g-nina" })).id_token)["cognito:username"], "Google_g-nina");
    });

    test("AdminLinkProviderForUser refuses an identity that signed in already, an unknown provider or user, and another attribute than Cognito_Subject for Google", async () => {
      await tokensFor({ subject: "g-early" });
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "omar", MessageAction: "SUPPRESS" }));
      const link = (source: { ProviderName: string; ProviderAttributeName: string; ProviderAttributeValue: string }, destination = "omar") =>
        cognito.send(
          new AdminLinkProviderForUserCommand({
            UserPoolId: poolId,
            DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: destination },
            SourceUser: source,
          }),
        );
      await rejectsWith(
        link({ ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "g-early" }),
        InvalidParameterException,
        "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link",
      );
      await rejectsWith(
        link({ ProviderName: "Facebook", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "1" }),
        ResourceNotFoundException,
        "Identity provider Facebook does not exist.",
      );
      await rejectsWith(
        link({ ProviderName: "Google", ProviderAttributeName: "email", ProviderAttributeValue: "omar@gmail.com" }),
        InvalidParameterException,
        "Invalid SourceUser: ProviderAttributeName must be Cognito_Subject for a Google provider.",
      );
      await rejectsWith(
        link({ ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "g-omar" }, "nobody"),
        UserNotFoundException,
        "User does not exist.",
      );
      const omar = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "omar" }));
      assert.equal(omar.UserAttributes!.find((attribute) => attribute.Name === "identities"), undefined, "a refused link changes nothing");
    });

    test("AdminDisableProviderForUser disables an unlinked federated user, whose sign-in is then refused; an unknown identity is UserNotFoundException", async () => {
      await tokensFor({ subject: "g-gone" });
      const disable = (subject: string) =>
        cognito.send(
          new AdminDisableProviderForUserCommand({ UserPoolId: poolId, User: { ProviderName: "Google", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: subject } }),
        );
      await disable("g-gone");
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Google_g-gone" }));
      assert.equal(user.Enabled, false);
      const back = await standInSignIn({ subject: "g-gone" }, clientId, "gone");
      assert.equal(back.searchParams.get("error"), "invalid_request");
      assert.equal(back.searchParams.get("error_description"), "User is disabled.");
      assert.equal(back.searchParams.get("state"), "gone");
      await rejectsWith(disable("g-never"), UserNotFoundException, "User does not exist.");
    });

    test("password operations on an EXTERNAL_PROVIDER user: no password sign-in, no reset, no change without a password; a temporary password forces a change", async () => {
      const tokens = await tokensFor({ subject: "g-pw", email: "pw@gmail.com" });
      const username = "Google_g-pw";
      const signIn = (password: string) =>
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
      await rejectsWith(signIn("Any-passw0rd"), NotAuthorizedException, "Incorrect username or password.");
      await rejectsWith(
        cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: username })),
        NotAuthorizedException,
        "User password cannot be reset in the current state.",
      );
      await rejectsWith(
        cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username })),
        NotAuthorizedException,
        "User password cannot be reset in the current state.",
      );
      await rejectsWith(
        cognito.send(new ChangePasswordCommand({ AccessToken: tokens.access_token, PreviousPassword: "Guess-passw0rd", ProposedPassword: PASSWORD })),
        NotAuthorizedException,
        "Incorrect username or password.",
      );
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus, "EXTERNAL_PROVIDER");

      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: false }));
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus, "FORCE_CHANGE_PASSWORD");
      assert.equal((await signIn(PASSWORD)).ChallengeName, "NEW_PASSWORD_REQUIRED");
    });

    test("the first federated sign-in runs PreSignUp_ExternalProvider and PostConfirmation_ConfirmSignUp, the code exchange TokenGeneration_HostedAuth; a refusing PreSignUp creates no user", async () => {
      const arns = { PreSignUp: fn("pre-sign-up"), PostConfirmation: fn("post-confirmation"), PreTokenGeneration: fn("pre-token") };
      const pool = await googlePool(cognito, arns);
      const poolConfig = await oidc.discovery(new URL(`${cognate.url}/${pool.poolId}`), pool.clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const invocations = async () => {
        const response = await fetch(`${cognate.url}/_cognate/invocations?${new URLSearchParams({ poolId: pool.poolId })}`);
        return ((await response.json()) as { invocations: TriggerInvocation[] }).invocations.map((call) => [call.triggerSource, call.event.userName]);
      };
      const first = await standInSignIn({ subject: "t-1", email: "t1@gmail.com" }, pool.clientId, "t");
      const tokens = await oidc.authorizationCodeGrant(poolConfig, first, { expectedState: "t" });
      assert.equal(claimsOf(tokens.id_token).tenant, "federated");
      assert.deepEqual(await invocations(), [
        ["PreSignUp_ExternalProvider", "Google_t-1"],
        ["PostConfirmation_ConfirmSignUp", "Google_t-1"],
        ["TokenGeneration_HostedAuth", "Google_t-1"],
      ]);
      await standInSignIn({ subject: "t-1" }, pool.clientId, "again");
      assert.equal((await invocations()).length, 3, "a returning user is not signed up again");

      const blocked = await standInSignIn({ subject: "blocked" }, pool.clientId, "b");
      assert.equal(blocked.searchParams.get("error"), "invalid_request");
      assert.match(blocked.searchParams.get("error_description")!, /No sign-ups from blocked/);
      await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: "Google_blocked" })), UserNotFoundException, "User does not exist.");
    });

    test("Facebook's stand-in answers with `id` as the subject; an identity linked to a federated user signs into that user", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "two-providers" }));
      const pool = UserPool!.Id!;
      for (const ProviderName of ["Google", "Facebook"] as const) {
        await cognito.send(
          new CreateIdentityProviderCommand({
            UserPoolId: pool,
            ProviderName,
            ProviderType: ProviderName,
            ProviderDetails: { client_id: "app", client_secret: "secret", authorize_scopes: ProviderName === "Google" ? "openid email" : "public_profile,email" },
            AttributeMapping: { email: "email" },
          }),
        );
      }
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: "web",
          SupportedIdentityProviders: ["Google", "Facebook"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email"],
          CallbackURLs: [CALLBACK],
        }),
      );
      const client = UserPoolClient!.ClientId!;
      const poolConfig = await oidc.discovery(new URL(`${cognate.url}/${pool}`), client, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
      const signIn = async (provider: string, subject: string) => {
        const browser = new Browser();
        const query = new URLSearchParams({ response_type: "code", client_id: client, redirect_uri: CALLBACK, scope: "openid email", state: provider, identity_provider: provider });
        const page = (await browser.get(`${cognate.url}/oauth2/authorize?${query}`)).headers.get("location")!;
        assert.equal(new URL(page).pathname, `/_cognate/federation/${provider}`);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await browser.get(page)).text())![1]!;
        const back = new URL((await browser.post(page, { _csrf: csrf, subject, email: `${subject}@example.com`, name: "" })).headers.get("location")!);
        return claimsOf((await oidc.authorizationCodeGrant(poolConfig, back, { expectedState: provider })).id_token);
      };
      assert.equal((await signIn("Google", "g-first"))["cognito:username"], "Google_g-first");
      await cognito.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: pool,
          DestinationUser: { ProviderName: "Google", ProviderAttributeValue: "g-first" },
          SourceUser: { ProviderName: "Facebook", ProviderAttributeName: "Cognito_Subject", ProviderAttributeValue: "1020" },
        }),
      );
      const viaFacebook = await signIn("Facebook", "1020");
      assert.equal(viaFacebook["cognito:username"], "Google_g-first");
      assert.deepEqual((viaFacebook["cognito:groups"] as string[]).sort(), [`${pool}_Facebook`, `${pool}_Google`]);
      assert.deepEqual((viaFacebook.identities as Array<Record<string, unknown>>).map((entry) => entry.providerName), ["Google", "Facebook"]);
      assert.equal((await signIn("Facebook", "1021"))["cognito:username"], "Facebook_1021");
    });

    test("in headless Chromium: from the client's /oauth2/authorize through the stand-in page to the callback with a code, exchanged with openid-client", async () => {
      const chromium: HeadlessChromium = await launchChromium();
      try {
        const { context, page, foreignRequests } = await chromium.context(cognate.url);
        let callback: URL | undefined;
        await context.route(`${CALLBACK}**`, async (route) => {
          callback = new URL(route.request().url());
          await route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>app</title><p>signed in</p>" });
        });
        const verifier = oidc.randomPKCECodeVerifier();
        const authorizeUrl = oidc.buildAuthorizationUrl(config, {
          redirect_uri: CALLBACK,
          scope: "openid email profile",
          state: "chromium",
          nonce: "n-chromium",
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: "S256",
          identity_provider: "Google",
        });
        await page.goto(authorizeUrl.href);
        await page.getByRole("heading", { name: "Sign in with Google (Cognate stand-in)" }).waitFor();
        assert.deepEqual(await seriousAxeViolations(page), [], "the stand-in page is accessible");
        await page.getByLabel("Subject (the provider's user id)").fill("chromium-7");
        await page.getByLabel("Email").fill("chrome@gmail.com");
        await page.getByLabel("Name").fill("Chrome Ium");
        await page.getByRole("button", { name: "Sign in as this identity" }).click();
        await page.getByText("signed in").waitFor();
        await context.close();
        assert.ok(callback?.searchParams.get("code"));
        assert.deepEqual(
          foreignRequests.filter((url) => !url.startsWith(CALLBACK)),
          [],
          "nothing left for the internet",
        );
        const tokens = await oidc.authorizationCodeGrant(config, callback!, { pkceCodeVerifier: verifier, expectedState: "chromium", expectedNonce: "n-chromium" });
        const id = claimsOf(tokens.id_token);
        assert.equal(id["cognito:username"], "Google_chromium-7");
        assert.equal(id.name, "Chrome Ium");
        const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "Google_chromium-7" }));
        assert.deepEqual(groups.Groups!.map((group) => group.GroupName), [`${poolId}_Google`]);
      } finally {
        await chromium.close();
      }
    });
  });

  describe(`the stand-in in secure mode (${backend})`, () => {
    let cognate: RunningCognate;
    before(async () => {
      cognate = await startCognate({ backend, env: secureModeEnv() });
    });
    after(() => cognate.close());

    test("Google at its public address is Google itself, and the stand-in page is not served", async () => {
      const { poolId, clientId } = await googlePool(cognate.client());
      const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid", identity_provider: "Google" });
      const authorize = await fetch(`${cognate.url}/oauth2/authorize?${query}`, { redirect: "manual" });
      assert.equal(authorize.status, 302);
      const location = new URL(authorize.headers.get("location")!);
      assert.equal(location.origin + location.pathname, "https://accounts.google.com/o/oauth2/v2/auth");
      assert.equal(location.searchParams.get("client_id"), "1234.apps.googleusercontent.com");
      assert.equal(location.searchParams.get("redirect_uri"), `${cognate.url}/oauth2/idpresponse`);
      const standIn = await fetch(`${cognate.url}/_cognate/federation/Google?${new URLSearchParams({ state: location.searchParams.get("state")! })}`);
      assert.equal(standIn.status, 404);
      assert.ok(poolId);
    });
  });
}
