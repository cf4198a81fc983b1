import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AliasExistsException,
  CodeMismatchException,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { confirmSignIn, fetchAuthSession, signIn, signOut } from "aws-amplify/auth";
import { rejectsWith } from "../helpers/assertions.js";
import { outboxOf, wrongCode } from "../helpers/codes.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { configureAmplify } from "../helpers/realClients.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

/**
 * MFA_SETUP with email (docs/behaviour.md#mfa-challenges): a pool requiring MFA and offering email MFA lists
 * EMAIL_OTP in MFAS_CAN_SETUP; the user answers with an address (EMAIL), gets an EMAIL_OTP challenge whose
 * code, sent there, proves it and turns email MFA on. Through the SDK and through Amplify v6's
 * CONTINUE_SIGN_IN_WITH_EMAIL_SETUP.
 */
for (const backend of backends) {
  describe(`MFA_SETUP with email (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A pool requiring MFA with these factors, a client with the password flows and SRP. */
    async function requiredMfaPool(factors: { email: boolean; totp: boolean }, settings: Partial<CreateUserPoolRequest> = {}) {
      const poolId = await fixture.pool(settings);
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "ON",
          ...(factors.totp ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
          ...(factors.email ? { EmailMfaConfiguration: { Message: "Mail code {####}", Subject: "Sign-in code" } } : {}),
        }),
      );
      const { clientId } = await fixture.client(poolId, {
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      return { poolId, clientId };
    }

    /** The newest message to the user: an eight-digit emailed sign-in code. */
    async function emailedCode(poolId: string, username: string, to: string): Promise<string> {
      const latest = (await outboxOf(cognate, poolId, username)).at(-1);
      assert.ok(latest !== undefined);
      assert.equal(latest.channel, "EMAIL");
      assert.equal(latest.destination, to);
      assert.equal(latest.kind, "authentication");
      assert.match(latest.code ?? "", /^[0-9]{8}$/);
      return latest.code!;
    }

    function answer(clientId: string, challenge: "MFA_SETUP" | "EMAIL_OTP" | "NEW_PASSWORD_REQUIRED", session: string | undefined, responses: Record<string, string>) {
      return cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses }));
    }

    test("after a new password: EMAIL answers MFA_SETUP, the emailed code signs in and leaves the address verified with email MFA on", async () => {
      const { poolId, clientId } = await requiredMfaPool({ email: true, totp: true });
      await fixture.invitedUser(poolId, "cy");
      const invited = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cy", PASSWORD: TEMPORARY_PASSWORD } }),
      );
      assert.equal(invited.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const setUp = await answer(clientId, "NEW_PASSWORD_REQUIRED", invited.Session, { USERNAME: "cy", NEW_PASSWORD: PASSWORD });
      assert.equal(setUp.ChallengeName, "MFA_SETUP");
      assert.deepEqual(setUp.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' });

      await rejectsWith(answer(clientId, "MFA_SETUP", setUp.Session, { USERNAME: "cy", EMAIL: "not an address" }), InvalidParameterException, "Invalid email address format.");
      const challenged = await answer(clientId, "MFA_SETUP", setUp.Session, { USERNAME: "cy", EMAIL: "cy@example.com" });
      assert.equal(challenged.ChallengeName, "EMAIL_OTP");
      assert.deepEqual(challenged.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "c***@e***" });
      const code = await emailedCode(poolId, "cy", "cy@example.com");
      // The MFA_SETUP session is used up; the address is not the user's until the code proves it.
      await rejectsWith(
        answer(clientId, "MFA_SETUP", setUp.Session, { USERNAME: "cy", EMAIL: "cy@example.com" }),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
      const before = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cy" }));
      assert.equal(before.UserAttributes?.find((attribute) => attribute.Name === "email"), undefined);
      assert.equal(before.UserMFASettingList, undefined);

      await rejectsWith(
        answer(clientId, "EMAIL_OTP", challenged.Session, { USERNAME: "cy", EMAIL_OTP_CODE: wrongCode(code) }),
        CodeMismatchException,
        "Invalid code received for user",
      );
      const signedIn = await answer(clientId, "EMAIL_OTP", challenged.Session, { USERNAME: "cy", EMAIL_OTP_CODE: code });
      assert.ok(signedIn.AuthenticationResult?.AccessToken);

      const after = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cy" }));
      const attributes = Object.fromEntries((after.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
      assert.equal(attributes.email, "cy@example.com");
      assert.equal(attributes.email_verified, "true");
      assert.deepEqual(after.UserMFASettingList, ["EMAIL_OTP"]);

      // From now on the pool asks for an emailed code.
      const next = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cy", PASSWORD } }));
      assert.equal(next.ChallengeName, "EMAIL_OTP");
      const nextCode = await emailedCode(poolId, "cy", "cy@example.com");
      assert.ok((await answer(clientId, "EMAIL_OTP", next.Session, { USERNAME: "cy", EMAIL_OTP_CODE: nextCode })).AuthenticationResult?.IdToken);
    });

    test("EMAIL is refused where the pool offers no email MFA, and for an address another user holds as an alias", async () => {
      const totpOnly = await requiredMfaPool({ email: false, totp: true });
      await fixture.confirmedUser(totpOnly.poolId, "dee");
      const first = await cognito.send(
        new InitiateAuthCommand({ ClientId: totpOnly.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "dee", PASSWORD } }),
      );
      assert.equal(first.ChallengeName, "MFA_SETUP");
      await rejectsWith(
        answer(totpOnly.clientId, "MFA_SETUP", first.Session, { USERNAME: "dee", EMAIL: "dee@example.com" }),
        InvalidParameterException,
        "Email MFA is not enabled for this user pool.",
      );

      const aliased = await requiredMfaPool({ email: true, totp: false }, { AliasAttributes: ["email"] });
      await fixture.confirmedUser(aliased.poolId, "holder", [
        { Name: "email", Value: "taken@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      await fixture.confirmedUser(aliased.poolId, "eve");
      const setUp = await cognito.send(
        new InitiateAuthCommand({ ClientId: aliased.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "eve", PASSWORD } }),
      );
      assert.deepEqual(setUp.ChallengeParameters, { MFAS_CAN_SETUP: '["EMAIL_OTP"]' });
      const sentBefore = (await outboxOf(cognate, aliased.poolId, "eve")).length;
      await rejectsWith(
        answer(aliased.clientId, "MFA_SETUP", setUp.Session, { USERNAME: "eve", EMAIL: "taken@example.com" }),
        AliasExistsException,
        "An account with the given email already exists.",
      );
      assert.equal((await outboxOf(cognate, aliased.poolId, "eve")).length, sentBefore, "no code goes to a refused address");
      // The session is left for another address.
      assert.equal((await answer(aliased.clientId, "MFA_SETUP", setUp.Session, { USERNAME: "eve", EMAIL: "eve@example.com" })).ChallengeName, "EMAIL_OTP");
    });

    describe("through Amplify v6", () => {
      afterEach(() => signOut());

      test("Amplify v6: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION, EMAIL, the address, then the emailed code", async () => {
        const { poolId, clientId } = await requiredMfaPool({ email: true, totp: true });
        configureAmplify(cognate.url, poolId, clientId);
        await fixture.confirmedUser(poolId, "fay");

        const first = await signIn({ username: "fay", password: PASSWORD });
        assert.deepEqual(first, { isSignedIn: false, nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", allowedMFATypes: ["TOTP", "EMAIL"] } });
        const chosen = await confirmSignIn({ challengeResponse: "EMAIL" });
        assert.deepEqual(chosen, { isSignedIn: false, nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" } });
        const sent = await confirmSignIn({ challengeResponse: "fay@example.com" });
        assert.deepEqual(sent, {
          isSignedIn: false,
          nextStep: {
            signInStep: "CONFIRM_SIGN_IN_WITH_EMAIL_CODE",
            codeDeliveryDetails: { deliveryMedium: "EMAIL", destination: "f***@e***" },
          },
        });
        const done = await confirmSignIn({ challengeResponse: await emailedCode(poolId, "fay", "fay@example.com") });
        assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: "DONE" } });
        const { tokens } = await fetchAuthSession();
        assert.equal(tokens?.idToken?.payload.email, "fay@example.com");
        assert.equal(tokens?.idToken?.payload.email_verified, true);
      });

      test("Amplify v6: a pool offering email MFA alone goes straight to CONTINUE_SIGN_IN_WITH_EMAIL_SETUP", async () => {
        const { poolId, clientId } = await requiredMfaPool({ email: true, totp: false });
        configureAmplify(cognate.url, poolId, clientId);
        await fixture.confirmedUser(poolId, "gus");

        const first = await signIn({ username: "gus", password: PASSWORD });
        assert.deepEqual(first, { isSignedIn: false, nextStep: { signInStep: "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" } });
        assert.equal((await confirmSignIn({ challengeResponse: "gus@example.com" })).nextStep.signInStep, "CONFIRM_SIGN_IN_WITH_EMAIL_CODE");
        const done = await confirmSignIn({ challengeResponse: await emailedCode(poolId, "gus", "gus@example.com") });
        assert.equal(done.isSignedIn, true);
      });
    });
  });
}
