import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import { SetUserPoolMfaConfigCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import {
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from "aws-amplify/auth";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { configureAmplify } from "../helpers/realClients.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

/**
 * Amplify v6's TOTP: setUpTOTP / verifyTOTPSetup / updateMFAPreference, and signIn → confirmSignIn, with
 * the codes an authenticator app would show computed by otplib. Cognate runs on the wall clock; each
 * code-consuming step moves its control clock 30 seconds on, so that no code is offered twice.
 */
for (const backend of backends) {
  describe(`Amplify v6 TOTP against Cognate (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let offsetSeconds = 0;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    afterEach(() => signOut());
    after(() => cognate.close());

    /** The code the app shows now by the server's clock (the wall clock plus the control API's offset). */
    function appCode(secret: string): string {
      return authenticator.clone({ epoch: Date.now() + offsetSeconds * 1000 }).generate(secret);
    }

    /** Moves the server's clock one step on, so that the next code is a new one. */
    async function nextStep(): Promise<void> {
      await fixture.advanceClock(30);
      offsetSeconds += 30;
    }

    async function totpPool(mode: "ON" | "OPTIONAL"): Promise<string> {
      const poolId = await fixture.pool();
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: true } }));
      const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
      configureAmplify(cognate.url, poolId, clientId);
      return poolId;
    }

    test("setUpTOTP, verifyTOTPSetup and updateMFAPreference; the next signIn asks for the code and confirmSignIn completes it", async () => {
      const poolId = await totpPool("OPTIONAL");
      await fixture.confirmedUser(poolId, "ada");
      assert.equal((await signIn({ username: "ada", password: PASSWORD })).isSignedIn, true);

      const details = await setUpTOTP();
      assert.match(details.sharedSecret, /^[A-Z2-7]{32}$/);
      assert.equal(details.getSetupUri("Cognate").searchParams.get("secret"), details.sharedSecret);
      await verifyTOTPSetup({ code: appCode(details.sharedSecret), options: { friendlyDeviceName: "test phone" } });
      await nextStep();
      await updateMFAPreference({ totp: "PREFERRED" });
      assert.deepEqual(await fetchMFAPreference(), { enabled: ["TOTP"], preferred: "TOTP" });
      await signOut();

      const first = await signIn({ username: "ada", password: PASSWORD });
      assert.deepEqual(first, { isSignedIn: false, nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" } });
      const confirmed = await confirmSignIn({ challengeResponse: appCode(details.sharedSecret) });
      assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      const { tokens } = await fetchAuthSession();
      assert.equal(tokens?.accessToken.payload.username, "ada");
    });

    test("a pool requiring MFA makes a user without a factor set up TOTP during signIn", async () => {
      const poolId = await totpPool("ON");
      await fixture.confirmedUser(poolId, "ben");

      const first = await signIn({ username: "ben", password: PASSWORD });
      assert.equal(first.isSignedIn, false);
      assert.equal(first.nextStep.signInStep, "CONTINUE_SIGN_IN_WITH_TOTP_SETUP");
      const secret = first.nextStep.signInStep === "CONTINUE_SIGN_IN_WITH_TOTP_SETUP" ? first.nextStep.totpSetupDetails.sharedSecret : "";
      const confirmed = await confirmSignIn({ challengeResponse: appCode(secret) });
      assert.deepEqual(confirmed, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
      await nextStep();
      await signOut();

      const next = await signIn({ username: "ben", password: PASSWORD });
      assert.deepEqual(next, { isSignedIn: false, nextStep: { signInStep: "CONFIRM_SIGN_IN_WITH_TOTP_CODE" } });
      assert.equal((await confirmSignIn({ challengeResponse: appCode(secret) })).isSignedIn, true);
    });
  });
}
