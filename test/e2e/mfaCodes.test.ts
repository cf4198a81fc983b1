import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  CodeMismatchException,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type InitiateAuthCommandOutput,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { outboxOf, type OutboxEntry } from "../helpers/codes.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";
import { SrpClient } from "./signInSrp.helpers.js";

const PHONE: AttributeType[] = [{ Name: "phone_number", Value: "+15550100" }];
const EMAIL: AttributeType[] = [
  { Name: "email", Value: "ana@example.com" },
  { Name: "email_verified", Value: "true" },
];

for (const backend of backends) {
  describe(`sign-in with codes sent by text and email: SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A pool offering SMS and email MFA (OPTIONAL unless said), a client with the password flows and SRP. */
    async function codePool(mode: "ON" | "OPTIONAL" = "OPTIONAL"): Promise<{ poolId: string; clientId: string }> {
      const poolId = await fixture.pool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: mode,
          SmsMfaConfiguration: { SmsAuthenticationMessage: "Text code {####}", SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          SoftwareTokenMfaConfiguration: { Enabled: true },
          EmailMfaConfiguration: { Message: "Mail code {####}", Subject: "Sign-in code" },
        }),
      );
      const { clientId } = await fixture.client(poolId, {
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      return { poolId, clientId };
    }

    /** A confirmed user with the attributes and these factors on (the first preferred when `preferred`). */
    async function userWith(poolId: string, username: string, attributes: AttributeType[], factors: ("SMS" | "EMAIL")[], preferred = true): Promise<void> {
      await fixture.confirmedUser(poolId, username, attributes);
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: username,
          ...(factors.includes("SMS") ? { SMSMfaSettings: { Enabled: true, PreferredMfa: preferred && factors[0] === "SMS" } } : {}),
          ...(factors.includes("EMAIL") ? { EmailMfaSettings: { Enabled: true, PreferredMfa: preferred && factors[0] === "EMAIL" } } : {}),
        }),
      );
    }

    function passwordSignIn(clientId: string, username: string): Promise<InitiateAuthCommandOutput> {
      return cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
    }

    function answer(clientId: string, challenge: "SMS_MFA" | "EMAIL_OTP" | "SELECT_MFA_TYPE", session: string | undefined, responses: Record<string, string>) {
      return cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses }));
    }

    /** The newest message to the user: a sign-in code of `digits` digits that its body carries. */
    async function sentCode(poolId: string, username: string, digits: number): Promise<OutboxEntry & { code: string }> {
      const latest = (await outboxOf(cognate, poolId, username)).at(-1);
      assert.ok(latest !== undefined, `no message to ${username}`);
      assert.equal(latest.kind, "authentication");
      assert.match(latest.code ?? "", new RegExp(`^[0-9]{${digits}}$`));
      assert.ok(latest.body.includes(latest.code!), "the body carries the code");
      return latest as OutboxEntry & { code: string };
    }

    const other = (code: string) => (code.startsWith("0") ? "1" : "0") + code.slice(1);

    test("USER_PASSWORD_AUTH texts a six-digit code after the password; a wrong code is refused, the right one gives tokens once", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", PHONE, ["SMS"]);
      const challenge = await passwordSignIn(clientId, "ana");
      assert.equal(challenge.ChallengeName, "SMS_MFA");
      assert.equal(challenge.AuthenticationResult, undefined);
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "SMS");
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "+****0100");
      const message = await sentCode(poolId, "ana", 6);
      assert.deepEqual([message.channel, message.destination, message.body], ["SMS", "+15550100", `Text code ${message.code}`]);
      await rejectsWith(
        answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: other(message.code) }),
        CodeMismatchException,
        "Invalid code received for user",
      );
      await rejectsWith(answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana" }), InvalidParameterException, "Missing required parameter SMS_MFA_CODE");
      const done = await answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: message.code });
      assert.ok(done.AuthenticationResult?.AccessToken);
      await rejectsWith(
        answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: message.code }),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
      // The code belonged to that session: a new sign-in sends a new one.
      const again = await passwordSignIn(clientId, "ana");
      await rejectsWith(
        answer(clientId, "SMS_MFA", again.Session, { USERNAME: "ana", SMS_MFA_CODE: message.code === (await sentCode(poolId, "ana", 6)).code ? other(message.code) : message.code }),
        CodeMismatchException,
        "Invalid code received for user",
      );
    });

    test("ADMIN_USER_PASSWORD_AUTH emails an eight-digit code with the pool's template for EMAIL_OTP", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", EMAIL, ["EMAIL"]);
      const challenge = await cognito.send(
        new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      assert.equal(challenge.ChallengeName, "EMAIL_OTP");
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, "EMAIL");
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, "a***@e***");
      const message = await sentCode(poolId, "ana", 8);
      assert.deepEqual([message.channel, message.destination, message.subject, message.body], ["EMAIL", "ana@example.com", "Sign-in code", `Mail code ${message.code}`]);
      const done = await cognito.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          ChallengeName: "EMAIL_OTP",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "ana", EMAIL_OTP_CODE: message.code },
        }),
      );
      assert.ok(done.AuthenticationResult?.IdToken);
    });

    test("USER_SRP_AUTH asks for the text code once the password is proven", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", PHONE, ["SMS"]);
      const srp = new SrpClient(poolId);
      const verifier = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: { USERNAME: "ana", SRP_A: srp.srpA } }));
      const challenge = await cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: srp.answer(verifier.ChallengeParameters, PASSWORD) }),
      );
      assert.equal(challenge.ChallengeName, "SMS_MFA");
      const { code } = await sentCode(poolId, "ana", 6);
      const done = await answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: code });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    test("the code expires with the session (the client's AuthSessionValidity, 3 minutes by default)", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", PHONE, ["SMS"]);
      const challenge = await passwordSignIn(clientId, "ana");
      const { code } = await sentCode(poolId, "ana", 6);
      await fixture.advanceClock(181);
      await rejectsWith(
        answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: code }),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
    });

    test("wrong codes count toward the lockout like wrong passwords", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", PHONE, ["SMS"]);
      const challenge = await passwordSignIn(clientId, "ana");
      const { code } = await sentCode(poolId, "ana", 6);
      for (let attempt = 0; attempt < 5; attempt++) {
        await rejectsWith(answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: other(code) }), CodeMismatchException, "Invalid code received for user");
      }
      await rejectsWith(answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: code }), NotAuthorizedException, "Password attempts exceeded");
      await rejectsWith(passwordSignIn(clientId, "ana"), NotAuthorizedException, "Password attempts exceeded");
    });

    test("a user with several factors and no preference chooses with SELECT_MFA_TYPE, then answers the chosen challenge", async () => {
      const { poolId, clientId } = await codePool();
      await userWith(poolId, "ana", [...PHONE, ...EMAIL], ["SMS", "EMAIL"], false);
      const select = await passwordSignIn(clientId, "ana");
      assert.equal(select.ChallengeName, "SELECT_MFA_TYPE");
      assert.deepEqual(JSON.parse(select.ChallengeParameters?.MFAS_CAN_CHOOSE ?? "null"), ["SMS_MFA", "EMAIL_OTP"]);
      assert.equal((await outboxOf(cognate, poolId, "ana")).length, 0, "no code is sent before the choice");
      await rejectsWith(
        answer(clientId, "SELECT_MFA_TYPE", select.Session, { USERNAME: "ana", ANSWER: "SOFTWARE_TOKEN_MFA" }),
        InvalidParameterException,
        "ANSWER must name one of the available challenges: SMS_MFA, EMAIL_OTP.",
      );
      const challenge = await answer(clientId, "SELECT_MFA_TYPE", select.Session, { USERNAME: "ana", ANSWER: "EMAIL_OTP" });
      assert.equal(challenge.ChallengeName, "EMAIL_OTP");
      assert.notEqual(challenge.Session, select.Session);
      const { code } = await sentCode(poolId, "ana", 8);
      const done = await answer(clientId, "EMAIL_OTP", challenge.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code });
      assert.ok(done.AuthenticationResult?.AccessToken);
      await rejectsWith(
        answer(clientId, "SELECT_MFA_TYPE", select.Session, { USERNAME: "ana", ANSWER: "SMS_MFA" }),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
    });

    test("the new password of NEW_PASSWORD_REQUIRED is followed by the text code", async () => {
      const { poolId, clientId } = await codePool();
      await fixture.invitedUser(poolId, "ana", PHONE);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ana", SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      const first = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD: TEMPORARY_PASSWORD } }),
      );
      assert.equal(first.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const challenge = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: first.Session,
          ChallengeResponses: { USERNAME: "ana", NEW_PASSWORD: PASSWORD },
        }),
      );
      assert.equal(challenge.ChallengeName, "SMS_MFA");
      const { code } = await sentCode(poolId, "ana", 6);
      assert.ok((await answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: code })).AuthenticationResult);
    });

    test("MFA_SETUP lists every factor the pool offers", async () => {
      const { poolId, clientId } = await codePool("ON");
      await fixture.confirmedUser(poolId, "ana");
      const challenge = await passwordSignIn(clientId, "ana");
      assert.equal(challenge.ChallengeName, "MFA_SETUP");
      assert.deepEqual(JSON.parse(challenge.ChallengeParameters?.MFAS_CAN_SETUP ?? "null"), ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]);
    });

    test("MFA required: a user with no factor on but a phone number gets SMS_MFA, and the code verifies the number", async () => {
      const { poolId, clientId } = await codePool("ON");
      await fixture.confirmedUser(poolId, "ana", PHONE);
      const challenge = await passwordSignIn(clientId, "ana");
      assert.equal(challenge.ChallengeName, "SMS_MFA");
      const { code } = await sentCode(poolId, "ana", 6);
      assert.ok((await answer(clientId, "SMS_MFA", challenge.Session, { USERNAME: "ana", SMS_MFA_CODE: code })).AuthenticationResult?.AccessToken);
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }));
      assert.equal(user.UserAttributes?.find((attribute) => attribute.Name === "phone_number_verified")?.Value, "true");
      // Nothing was turned on: the number serves while the pool requires MFA.
      assert.equal(user.UserMFASettingList, undefined);
    });

    test("MFA required: a user with a phone number and an email address and no factor on chooses between them", async () => {
      const { poolId, clientId } = await codePool("ON");
      await fixture.confirmedUser(poolId, "ana", [...PHONE, { Name: "email", Value: "ana@example.com" }]);
      const challenge = await passwordSignIn(clientId, "ana");
      assert.equal(challenge.ChallengeName, "SELECT_MFA_TYPE");
      assert.equal(challenge.ChallengeParameters?.MFAS_CAN_CHOOSE, '["SMS_MFA","EMAIL_OTP"]');
      const chosen = await answer(clientId, "SELECT_MFA_TYPE", challenge.Session, { USERNAME: "ana", ANSWER: "EMAIL_OTP" });
      assert.equal(chosen.ChallengeName, "EMAIL_OTP");
      const { code } = await sentCode(poolId, "ana", 8);
      assert.ok((await answer(clientId, "EMAIL_OTP", chosen.Session, { USERNAME: "ana", EMAIL_OTP_CODE: code })).AuthenticationResult?.AccessToken);
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }));
      const attributes = Object.fromEntries((user.UserAttributes ?? []).map((attribute) => [attribute.Name, attribute.Value]));
      assert.equal(attributes.email_verified, "true");
      assert.equal(attributes.phone_number_verified, undefined);
    });
  });
}
