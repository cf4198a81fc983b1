import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserAuthFactorsCommand,
  AdminSetUserMFAPreferenceCommand,
  CodeMismatchException,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  UserNotFoundException,
  type AttributeType,
  type AuthFactorType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { outboxOf } from "../helpers/codes.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture, claimsOf } from "../helpers/signIn.js";

const EMAIL: AttributeType[] = [
  { Name: "email", Value: "ana@example.com" },
  { Name: "email_verified", Value: "true" },
];
const PHONE: AttributeType[] = [
  { Name: "phone_number", Value: "+15550100" },
  { Name: "phone_number_verified", Value: "true" },
];

for (const backend of backends) {
  describe(`passwordless sign-in: USER_AUTH with EMAIL_OTP and SMS_OTP, (Admin)GetUserAuthFactors (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** An ESSENTIALS pool allowing these first factors, and a client with USER_AUTH. */
    async function passwordlessPool(
      factors: AuthFactorType[] = ["PASSWORD", "EMAIL_OTP", "SMS_OTP"],
      client: { PreventUserExistenceErrors?: "ENABLED" | "LEGACY" } = {},
    ): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool({ UserPoolTier: "ESSENTIALS", Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors } } });
      const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], ...client });
      return { poolId, clientId };
    }

    const choose = (clientId: string, parameters: Record<string, string>) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: parameters }));
    const respond = (clientId: string, challenge: "SELECT_CHALLENGE" | "EMAIL_OTP" | "SMS_OTP", session: string | undefined, responses: Record<string, string>) =>
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses }));

    async function latestCode(poolId: string, username: string, digits: number): Promise<string> {
      const latest = (await outboxOf(cognate, poolId, username)).at(-1);
      assert.equal(latest?.kind, "authentication");
      assert.match(latest.code ?? "", new RegExp(`^[0-9]{${digits}}$`));
      return latest.code!;
    }

    test("PREFERRED_CHALLENGE EMAIL_OTP emails an eight-digit code whose answer gives tokens, with no MFA after it", async () => {
      const { poolId, clientId } = await passwordlessPool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
        }),
      );
      await fixture.confirmedUser(poolId, "ana", [...EMAIL, ...PHONE]);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ana", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const challenge = await choose(clientId, { USERNAME: "ana", PREFERRED_CHALLENGE: "EMAIL_OTP" });
      assert.equal(challenge.ChallengeName, "EMAIL_OTP");
      assert.deepEqual(challenge.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: "EMAIL", CODE_DELIVERY_DESTINATION: "a***@e***" });
      const code = await latestCode(poolId, "ana", 8);
      await rejectsWith(
        respond(clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code === "00000000" ? "11111111" : "00000000" }),
        CodeMismatchException,
        "Invalid code received for user",
      );
      const done = await respond(clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code });
      assert.equal(claimsOf(done.AuthenticationResult?.AccessToken).username, "ana");
      await rejectsWith(
        respond(clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code }),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
    });

    test("SELECT_CHALLENGE lists the codes the user can receive; ANSWER SMS_OTP texts a six-digit code", async () => {
      const { poolId, clientId } = await passwordlessPool();
      await fixture.confirmedUser(poolId, "ana", [...EMAIL, ...PHONE]);
      const select = await choose(clientId, { USERNAME: "ana" });
      assert.equal(select.ChallengeName, "SELECT_CHALLENGE");
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]);
      const challenge = await respond(clientId, "SELECT_CHALLENGE", select.Session, { USERNAME: "ana", ANSWER: "SMS_OTP" });
      assert.equal(challenge.ChallengeName, "SMS_OTP");
      assert.deepEqual(challenge.ChallengeParameters, { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: "+****0100" });
      const code = await latestCode(poolId, "ana", 6);
      const done = await respond(clientId, "SMS_OTP", challenge.Session, { USERNAME: "ana", SMS_OTP_CODE: code });
      assert.ok(done.AuthenticationResult?.IdToken);
    });

    test("an unverified email, a missing phone number or a pool that does not allow the factor leave it out", async () => {
      const { poolId, clientId } = await passwordlessPool();
      await fixture.confirmedUser(poolId, "ben", [{ Name: "email", Value: "ben@example.com" }]);
      const select = await choose(clientId, { USERNAME: "ben" });
      assert.deepEqual(select.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
      const preferred = await choose(clientId, { USERNAME: "ben", PREFERRED_CHALLENGE: "EMAIL_OTP" });
      assert.equal(preferred.ChallengeName, "SELECT_CHALLENGE");
      assert.equal((await outboxOf(cognate, poolId, "ben")).length, 0);

      const passwordOnly = await passwordlessPool(["PASSWORD"]);
      await fixture.confirmedUser(passwordOnly.poolId, "ana", [...EMAIL, ...PHONE]);
      assert.deepEqual((await choose(passwordOnly.clientId, { USERNAME: "ana" })).AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
    });

    test("an unknown name is UserNotFoundException, or behind PreventUserExistenceErrors a challenge no code answers", async () => {
      const legacy = await passwordlessPool();
      await rejectsWith(choose(legacy.clientId, { USERNAME: "ghost", PREFERRED_CHALLENGE: "EMAIL_OTP" }), UserNotFoundException, "User does not exist.");
      const hiding = await passwordlessPool(["PASSWORD", "EMAIL_OTP"], { PreventUserExistenceErrors: "ENABLED" });
      const challenge = await choose(hiding.clientId, { USERNAME: "ghost@example.com", PREFERRED_CHALLENGE: "EMAIL_OTP" });
      assert.equal(challenge.ChallengeName, "EMAIL_OTP");
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "g***@e***");
      await rejectsWith(
        respond(hiding.clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ghost@example.com", EMAIL_OTP_CODE: "12345678" }),
        CodeMismatchException,
        "Invalid code received for user",
      );
    });

    test("GetUserAuthFactors and AdminGetUserAuthFactors report the factors the user can sign in with and the MFA settings", async () => {
      const { poolId, clientId } = await passwordlessPool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
        }),
      );
      await fixture.confirmedUser(poolId, "ana", EMAIL);
      const admin = await cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "ana" }));
      assert.equal(admin.Username, "ana");
      assert.deepEqual(admin.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP"]);
      assert.equal(admin.UserMFASettingList, undefined);
      assert.equal(admin.PreferredMfaSetting, undefined);

      await fixture.confirmedUser(poolId, "bo", [{ Name: "phone_number", Value: "+15550111" }]);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "bo", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const bo = await cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: "bo" }));
      assert.deepEqual(bo.ConfiguredUserAuthFactors, ["PASSWORD", "SMS_OTP"]);
      assert.deepEqual(bo.UserMFASettingList, ["SMS_MFA"]);
      assert.equal(bo.PreferredMfaSetting, "SMS_MFA");

      const challenge = await choose(clientId, { USERNAME: "ana", PREFERRED_CHALLENGE: "EMAIL_OTP" });
      const code = await latestCode(poolId, "ana", 8);
      const { AccessToken } = (await respond(clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code })).AuthenticationResult!;
      const own = await cognito.send(new GetUserAuthFactorsCommand({ AccessToken }));
      assert.equal(own.Username, "ana");
      assert.deepEqual(own.ConfiguredUserAuthFactors, ["PASSWORD", "EMAIL_OTP"]);
    });
  });
}
