import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";
import type { Clock } from "../../src/domain/clock.js";
import { SrpClient } from "./signInSrp.helpers.js";

/** The code an authenticator app shows for `secret` at `at`, computed by otplib. */
function appCode(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

for (const backend of backends) {
  describe(`sign-in with an authenticator app: SOFTWARE_TOKEN_MFA and MFA_SETUP (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date("2031-06-01T12:00:10Z");
    const clock: Clock = { now: async () => now };
    /** Moves the injected clock one 30-second step on, so that the next code is a new one. */
    const nextStep = () => (now = new Date(now.getTime() + 30_000));
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function totpPool(mode: "ON" | "OPTIONAL"): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool();
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: true } }));
      const { clientId } = await fixture.client(poolId, {
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      return { poolId, clientId };
    }

    function passwordSignIn(clientId: string, username: string): Promise<InitiateAuthCommandOutput> {
      return cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }),
      );
    }

    /** A confirmed user of the pool with a verified authenticator app; returns its secret. */
    async function userWithApp(poolId: string, clientId: string, username: string): Promise<string> {
      await fixture.confirmedUser(poolId, username);
      const { AccessToken } = (await optionalSignIn(clientId, username)).AuthenticationResult!;
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, now) }));
      nextStep();
      return SecretCode!;
    }

    /** Signs in a user without a factor in an OPTIONAL pool: tokens at once. */
    async function optionalSignIn(clientId: string, username: string): Promise<InitiateAuthCommandOutput> {
      const reply = await passwordSignIn(clientId, username);
      assert.equal(reply.ChallengeName, undefined);
      return reply;
    }

    test("USER_PASSWORD_AUTH asks for the app's code after the password; a wrong code is refused, the right one gives tokens once", async () => {
      const { poolId, clientId } = await totpPool("OPTIONAL");
      const secret = await userWithApp(poolId, clientId, "ana");
      const challenge = await passwordSignIn(clientId, "ana");
      assert.equal(challenge.ChallengeName, "SOFTWARE_TOKEN_MFA");
      assert.equal(challenge.AuthenticationResult, undefined);
      assert.ok(challenge.Session);
      const answer = (code: string, Session = challenge.Session) =>
        cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "SOFTWARE_TOKEN_MFA",
            Session,
            ChallengeResponses: { USERNAME: "ana", SOFTWARE_TOKEN_MFA_CODE: code },
          }),
        );
      await rejectsWith(answer(appCode(secret, new Date(now.getTime() - 90_000))), CodeMismatchException, "Invalid code received for user");
      const code = appCode(secret, now);
      const signedIn = await answer(code);
      assert.ok(signedIn.AuthenticationResult?.AccessToken);
      // The session and the code are used up.
      await rejectsWith(answer(code), NotAuthorizedException, "Invalid session for the user, session is expired.");
      const again = await passwordSignIn(clientId, "ana");
      await rejectsWith(answer(code, again.Session), CodeMismatchException, "Invalid code received for user");
    });

    test("ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH ask for it too", async () => {
      const { poolId, clientId } = await totpPool("OPTIONAL");
      const secret = await userWithApp(poolId, clientId, "ben");
      const admin = await cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ben", PASSWORD },
        }),
      );
      assert.equal(admin.ChallengeName, "SOFTWARE_TOKEN_MFA");
      const adminAnswer = await cognito.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: admin.Session,
          ChallengeResponses: { USERNAME: "ben", SOFTWARE_TOKEN_MFA_CODE: appCode(secret, now) },
        }),
      );
      assert.ok(adminAnswer.AuthenticationResult?.IdToken);
      nextStep();

      const srp = new SrpClient(poolId);
      const started = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "ben", SRP_A: srp.srpA } }),
      );
      const verified = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeResponses: srp.answer(started.ChallengeParameters, PASSWORD, { now }),
        }),
      );
      assert.equal(verified.ChallengeName, "SOFTWARE_TOKEN_MFA");
      const srpAnswer = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "SOFTWARE_TOKEN_MFA",
          Session: verified.Session,
          ChallengeResponses: { USERNAME: "ben", SOFTWARE_TOKEN_MFA_CODE: appCode(secret, now) },
        }),
      );
      assert.ok(srpAnswer.AuthenticationResult?.RefreshToken);
    });

    test("MFA required: a user without a factor sets up an app with the MFA_SETUP session, after a new password", async () => {
      const { poolId, clientId } = await totpPool("ON");
      await fixture.invitedUser(poolId, "cy");
      const invited = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cy", PASSWORD: TEMPORARY_PASSWORD } }),
      );
      assert.equal(invited.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const setUp = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: invited.Session,
          ChallengeResponses: { USERNAME: "cy", NEW_PASSWORD: PASSWORD },
        }),
      );
      assert.equal(setUp.ChallengeName, "MFA_SETUP");
      assert.deepEqual(setUp.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' });
      assert.equal(setUp.AuthenticationResult, undefined);

      const answerSetUp = (Session: string | undefined) =>
        cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "MFA_SETUP", Session, ChallengeResponses: { USERNAME: "cy" } }));
      const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: setUp.Session }));
      await rejectsWith(
        answerSetUp(associated.Session),
        InvalidParameterException,
        "MFA_SETUP needs a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with this session first.",
      );
      const verified = await cognito.send(
        new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: appCode(associated.SecretCode!, now) }),
      );
      assert.equal(verified.Status, "SUCCESS");
      const signedIn = await answerSetUp(verified.Session);
      assert.ok(signedIn.AuthenticationResult?.AccessToken);
      nextStep();

      // From now on the pool asks for the app's code.
      const next = await passwordSignIn(clientId, "cy");
      assert.equal(next.ChallengeName, "SOFTWARE_TOKEN_MFA");
    });

    test("MFA optional: a user without a factor gets tokens at once", async () => {
      const { poolId, clientId } = await totpPool("OPTIONAL");
      await fixture.confirmedUser(poolId, "dee");
      assert.ok((await optionalSignIn(clientId, "dee")).AuthenticationResult?.AccessToken);
    });

    test("the challenge session expires with the client's AuthSessionValidity", async () => {
      const { poolId, clientId } = await totpPool("OPTIONAL");
      const secret = await userWithApp(poolId, clientId, "eve");
      const challenge = await passwordSignIn(clientId, "eve");
      now = new Date(now.getTime() + 181_000);
      await rejectsWith(
        cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "SOFTWARE_TOKEN_MFA",
            Session: challenge.Session,
            ChallengeResponses: { USERNAME: "eve", SOFTWARE_TOKEN_MFA_CODE: appCode(secret, now) },
          }),
        ),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
    });

    test("wrong codes count toward the lockout", async () => {
      const { poolId, clientId } = await totpPool("OPTIONAL");
      const secret = await userWithApp(poolId, clientId, "fay");
      const challenge = await passwordSignIn(clientId, "fay");
      const wrong = appCode(secret, new Date(now.getTime() - 300_000));
      for (let i = 0; i < 5; i++) {
        await rejectsWith(
          cognito.send(
            new RespondToAuthChallengeCommand({
              ClientId: clientId,
              ChallengeName: "SOFTWARE_TOKEN_MFA",
              Session: challenge.Session,
              ChallengeResponses: { USERNAME: "fay", SOFTWARE_TOKEN_MFA_CODE: wrong },
            }),
          ),
          CodeMismatchException,
          "Invalid code received for user",
        );
      }
      await rejectsWith(passwordSignIn(clientId, "fay"), NotAuthorizedException, "Password attempts exceeded");
    });
  });
}
