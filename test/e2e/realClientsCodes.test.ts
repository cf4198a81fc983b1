import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminSetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { outboxOf } from "../helpers/codes.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { assertSucceeded, authenticateWithCognitoJs, cognitoJsPool, cognitoJsUser, configureAmplify, type CognitoJsOutcome } from "../helpers/realClients.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

/**
 * Amplify v6 with codes Cognate sends: passwordless sign-in (USER_AUTH with EMAIL_OTP), SMS MFA, and the
 * choice between SMS and email MFA; amazon-cognito-identity-js with SMS MFA. Every code is read from the
 * outbox, as a test of an app would.
 */
for (const backend of backends) {
  describe(`Amplify v6 and amazon-cognito-identity-js with emailed and texted codes against Cognate (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    afterEach(() => signOut());
    after(() => cognate.close());

    async function newestCode(poolId: string, username: string): Promise<string> {
      const latest = (await outboxOf(cognate, poolId, username)).at(-1);
      assert.equal(latest?.kind, "authentication");
      return latest.code!;
    }

    /** A pool offering SMS and email MFA (OPTIONAL) and allowing email codes as a first factor. */
    async function codePool(): Promise<string> {
      const poolId = await fixture.pool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } } });
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          EmailMfaConfiguration: {},
        }),
      );
      const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      configureAmplify(cognate.url, poolId, clientId);
      return poolId;
    }

    test("signIn with USER_AUTH and preferredChallenge EMAIL_OTP, then confirmSignIn with the emailed code", async () => {
      const poolId = await codePool();
      await fixture.confirmedUser(poolId, "ada", [
        { Name: "email", Value: "ada@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      const first = await signIn({ username: "ada", options: { authFlowType: "USER_AUTH", preferredChallenge: "EMAIL_OTP" } });
      assert.deepEqual(first, {
        isSignedIn: false,
        nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE", codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: "a***@e***" } },
      });
      const confirmed = await confirmSignIn({ challengeResponse: await newestCode(poolId, "ada") });
      assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      const { tokens } = await fetchAuthSession();
      assert.equal(tokens?.accessToken.payload.username, "ada");
    });

    test("a user with SMS MFA signs in with the password, then confirmSignIn with the texted code", async () => {
      const poolId = await codePool();
      await fixture.confirmedUser(poolId, "ben", [{ Name: "phone_number", Value: "+15550123" }]);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ben", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const first = await signIn({ username: "ben", password: PASSWORD });
      assert.deepEqual(first, {
        isSignedIn: false,
        nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_SMS_CODE", codeDeliveryDetails: { deliveryMedium: "SMS", destination: "+****0123" } },
      });
      const confirmed = await confirmSignIn({ challengeResponse: await newestCode(poolId, "ben") });
      assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    });

    test("a user with SMS and email MFA and no preference chooses one, then confirms with its code", async () => {
      const poolId = await codePool();
      await fixture.confirmedUser(poolId, "cy", [
        { Name: "phone_number", Value: "+15550124" },
        { Name: "email", Value: "cy@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "cy", SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } }),
      );
      const first = await signIn({ username: "cy", password: PASSWORD });
      assert.deepEqual(first, { isSignedIn: false, nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", allowedMFATypes: ["SMS", "EMAIL"] } });
      const chosen = await confirmSignIn({ challengeResponse: "EMAIL" });
      assert.equal(chosen.nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
      const confirmed = await confirmSignIn({ challengeResponse: await newestCode(poolId, "cy") });
      assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
    });

    test("amazon-cognito-identity-js: authenticateUser calls mfaRequired, and sendMFACode with the texted code signs in", async () => {
      const poolId = await fixture.pool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "ON",
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
        }),
      );
      const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      await fixture.confirmedUser(poolId, "dee", [{ Name: "phone_number", Value: "+15550125" }]);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "dee", SMSMfaSettings: { Enabled: true } }));
      const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "dee");
      assert.deepEqual(await authenticateWithCognitoJs(user, "dee", PASSWORD), { kind: "other challenge", callback: "mfaRequired" });
      const code = await newestCode(poolId, "dee");
      const outcome = await new Promise<CognitoJsOutcome>((resolve) =>
        user.sendMFACode(code, {
          onSuccess: (session) => resolve({ kind: "success", session }),
          onFailure: (error: Error) => resolve({ kind: "failure", error }),
        }),
      );
      assert.equal(assertSucceeded(outcome).getAccessToken().decodePayload().username, "dee");
    });
  });
}
