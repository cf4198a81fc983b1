import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { AuthError, confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from "aws-amplify/auth";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { configureAmplify, tokenVerifiers } from "../helpers/realClients.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const INCORRECT = "Incorrect username or password.";

/** Amplify v6 (a singleton: one configuration, one signed-in user at a time) against Cognate via `userPoolEndpoint`. */
for (const backend of backends) {
  describe(`Amplify v6 against Cognate, over USER_SRP_AUTH (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    // Whatever a test left signed in must not make the next one's signIn fail with UserAlreadyAuthenticatedException.
    afterEach(() => signOut());
    after(() => cognate.close());

    /** A pool and an SRP client, with Amplify configured for them. */
    async function amplifyPool(settings: { emailUsernames?: boolean } = {}): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool(settings.emailUsernames ? { UsernameAttributes: ["email"] } : {});
      const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      configureAmplify(cognate.url, poolId, clientId);
      return { poolId, clientId };
    }

    async function rejectsWithAuthError(promise: Promise<unknown>, name: string, message: string): Promise<void> {
      await assert.rejects(promise, (error: Error) => {
        assert.ok(error instanceof AuthError, `expected an AuthError, got ${error.name}: ${error.message}`);
        assert.equal(error.name, name);
        assert.equal(error.message, message);
        return true;
      });
    }

    test("signIn with the permanent password is DONE; fetchAuthSession holds tokens that verify against the pool's JWKS", async () => {
      const { poolId, clientId } = await amplifyPool();
      await fixture.confirmedUser(poolId, "ada", [{ Name: "email", Value: "ada@example.com" }]);

      const result = await signIn({ username: "ada", password: PASSWORD });

      assert.deepEqual(result, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      const { tokens } = await fetchAuthSession();
      assert.ok(tokens?.idToken !== undefined);
      assert.equal(tokens.idToken.payload["cognito:username"], "ada");
      const verify = tokenVerifiers(cognate.url, poolId, clientId);
      const idClaims = await verify.id.verify(tokens.idToken.toString());
      assert.equal(idClaims.email, "ada@example.com");
      const accessClaims = await verify.access.verify(tokens.accessToken.toString());
      assert.deepEqual(await getCurrentUser(), {
        username: "ada",
        userId: accessClaims.sub,
        signInDetails: { loginId: "ada", authFlowType: "USER_SRP_AUTH" },
      });
    });

    test("a wrong password rejects with NotAuthorizedException and leaves nobody signed in", async () => {
      const { poolId } = await amplifyPool();
      await fixture.confirmedUser(poolId, "ben");

      await rejectsWithAuthError(signIn({ username: "ben", password: OTHER_PASSWORD }), "NotAuthorizedException", INCORRECT);

      assert.equal((await fetchAuthSession()).tokens, undefined);
      assert.equal((await signIn({ username: "ben", password: PASSWORD })).isSignedIn, true);
    });

    test("a temporary password stops at CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED; confirmSignIn with a new one signs in", async () => {
      const { poolId } = await amplifyPool();
      await fixture.invitedUser(poolId, "cleo");

      const first = await signIn({ username: "cleo", password: TEMPORARY_PASSWORD });
      assert.deepEqual(first, {
        isSignedIn: false,
        nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", missingAttributes: [] },
      });
      assert.equal((await fetchAuthSession()).tokens, undefined);

      const second = await confirmSignIn({ challengeResponse: PASSWORD });

      assert.deepEqual(second, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      assert.equal((await fetchAuthSession()).tokens?.idToken?.payload["cognito:username"], "cleo");
      const { UserStatus } = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cleo" }));
      assert.equal(UserStatus, "CONFIRMED");
      await signOut();
      assert.equal((await signIn({ username: "cleo", password: PASSWORD })).isSignedIn, true);
    });

    test("a wrong temporary password rejects with NotAuthorizedException", async () => {
      const { poolId } = await amplifyPool();
      await fixture.invitedUser(poolId, "dara");

      await rejectsWithAuthError(signIn({ username: "dara", password: OTHER_PASSWORD }), "NotAuthorizedException", INCORRECT);
    });

    test("signOut completes and forgets the tokens; the user can sign in again", async () => {
      const { poolId } = await amplifyPool();
      await fixture.confirmedUser(poolId, "eli");
      await signIn({ username: "eli", password: PASSWORD });
      assert.ok((await fetchAuthSession()).tokens !== undefined);

      await signOut();

      assert.equal((await fetchAuthSession()).tokens, undefined);
      await rejectsWithAuthError(getCurrentUser(), "UserUnAuthenticatedException", "User needs to be authenticated to call this API.");
      assert.equal((await signIn({ username: "eli", password: PASSWORD })).isSignedIn, true);
    });

    test("in a pool whose usernames are emails, signIn with the email signs in as the internal username", async () => {
      const { poolId } = await amplifyPool({ emailUsernames: true });
      await fixture.confirmedUser(poolId, "fay@example.com");

      assert.equal((await signIn({ username: "fay@example.com", password: PASSWORD })).isSignedIn, true);

      const payload = (await fetchAuthSession()).tokens?.idToken?.payload;
      assert.equal(payload?.email, "fay@example.com");
      assert.equal(payload?.["cognito:username"], payload?.sub);
    });
  });
}
