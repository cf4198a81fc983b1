import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  UserNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const PHONE: AttributeType[] = [{ Name: "phone_number", Value: "+15550100" }];
const VERIFIED_EMAIL: AttributeType[] = [
  { Name: "email", Value: "ana@example.com" },
  { Name: "email_verified", Value: "true" },
];

for (const backend of backends) {
  describe(`users' MFA settings: (Admin)SetUserMFAPreference, (Admin)SetUserSettings, GetUser, AdminGetUser (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A pool offering SMS and email MFA, and a confirmed user with the attributes. */
    async function userIn(attributes: AttributeType[]): Promise<{ UserPoolId: string; clientId: string }> {
      const UserPoolId = await fixture.pool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId,
          MfaConfiguration: "OPTIONAL",
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
          EmailMfaConfiguration: { Message: "Code {####}" },
        }),
      );
      const { clientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "ana", attributes);
      return { UserPoolId, clientId };
    }

    async function adminMfa(UserPoolId: string) {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: "ana" }));
      return { UserMFASettingList: user.UserMFASettingList, PreferredMfaSetting: user.PreferredMfaSetting, MFAOptions: user.MFAOptions };
    }

    test("a user without MFA settings has no MFA members", async () => {
      const { UserPoolId, clientId } = await userIn(PHONE);
      const admin = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: "ana" }));
      for (const member of ["UserMFASettingList", "PreferredMfaSetting", "MFAOptions"]) assert.equal(member in admin, false, member);
      const accessToken = await accessTokenOf(clientId);
      const own = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
      for (const member of ["UserMFASettingList", "PreferredMfaSetting", "MFAOptions"]) assert.equal(member in own, false, member);
    });

    test("an administrator turns factors on and chooses the preferred one; omitted factors stay as they are", async () => {
      const { UserPoolId, clientId } = await userIn([...PHONE, ...VERIFIED_EMAIL]);
      // Signed in before any factor is on.
      const AccessToken = await accessTokenOf(clientId);
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: "ana", SMSMfaSettings: { Enabled: true } }));
      assert.deepEqual(await adminMfa(UserPoolId), {
        UserMFASettingList: ["SMS_MFA"],
        PreferredMfaSetting: undefined,
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      });
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: "ana", EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
      );
      assert.deepEqual(await adminMfa(UserPoolId), {
        UserMFASettingList: ["SMS_MFA", "EMAIL_OTP"],
        PreferredMfaSetting: "EMAIL_OTP",
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      });
      const own = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(own.UserMFASettingList, ["SMS_MFA", "EMAIL_OTP"]);
      assert.equal(own.PreferredMfaSetting, "EMAIL_OTP");
      // The preferred factor is the one a sign-in asks for.
      const signIn = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      assert.equal(signIn.ChallengeName, "EMAIL_OTP");
      // Turning the preferred factor off leaves no preference.
      await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: "ana", EmailMfaSettings: { Enabled: false } }));
      assert.deepEqual(await adminMfa(UserPoolId), {
        UserMFASettingList: ["SMS_MFA"],
        PreferredMfaSetting: undefined,
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      });
    });

    test("users set their own preference and legacy settings with their access token", async () => {
      const { UserPoolId, clientId } = await userIn(PHONE);
      const AccessToken = await accessTokenOf(clientId);
      await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
      assert.deepEqual(await adminMfa(UserPoolId), {
        UserMFASettingList: ["SMS_MFA"],
        PreferredMfaSetting: "SMS_MFA",
        MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }],
      });
      await cognito.send(new SetUserSettingsCommand({ AccessToken, MFAOptions: [] }));
      assert.deepEqual(await adminMfa(UserPoolId), { UserMFASettingList: undefined, PreferredMfaSetting: undefined, MFAOptions: undefined });
      await cognito.send(
        new AdminSetUserSettingsCommand({ UserPoolId, Username: "ana", MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] }),
      );
      assert.deepEqual((await adminMfa(UserPoolId)).UserMFASettingList, ["SMS_MFA"]);
    });

    test("a factor the user cannot receive, or a confused request, is refused and changes nothing", async () => {
      const { UserPoolId } = await userIn([{ Name: "email", Value: "ana@example.com" }]);
      const Username = "ana";
      const refusals: [() => Promise<unknown>, string][] = [
        [
          () => cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username, SMSMfaSettings: { Enabled: true } })),
          "User does not have delivery config set to turn on SMS_MFA",
        ],
        [
          () => cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username, SoftwareTokenMfaSettings: { Enabled: true } })),
          "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
        ],
        [
          // The email address is not verified.
          () => cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username, EmailMfaSettings: { Enabled: true } })),
          "User does not have delivery config set to turn on EMAIL_OTP",
        ],
        [
          () => cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username, SMSMfaSettings: { Enabled: false, PreferredMfa: true } })),
          "A preferred MFA method must be enabled.",
        ],
        [
          () => cognito.send(
            new AdminSetUserMFAPreferenceCommand({
                UserPoolId,
                Username,
                SMSMfaSettings: { PreferredMfa: true },
                EmailMfaSettings: { PreferredMfa: true },
              }),
            ),
          "Only one MFA method can be preferred.",
        ],
        [
          () => cognito.send(new AdminSetUserSettingsCommand({ UserPoolId, Username, MFAOptions: [{ DeliveryMedium: "EMAIL", AttributeName: "email" }] })),
          "Only SMS to phone_number is supported as an MFA option.",
        ],
      ];
      for (const [call, message] of refusals) await rejectsWith(call(), InvalidParameterException, message);
      assert.deepEqual(await adminMfa(UserPoolId), { UserMFASettingList: undefined, PreferredMfaSetting: undefined, MFAOptions: undefined });

      await rejectsWith(
        cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: "nobody", SMSMfaSettings: { Enabled: true } })),
        UserNotFoundException,
        "User does not exist.",
      );
      await rejectsWith(
        cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: "not-a-token", SMSMfaSettings: { Enabled: true } })),
        NotAuthorizedException,
        "Invalid Access Token",
      );
    });

    test("email MFA needs the pool to offer it", async () => {
      const UserPoolId = await fixture.pool();
      await fixture.confirmedUser(UserPoolId, "ana", VERIFIED_EMAIL);
      await rejectsWith(
        cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId, Username: "ana", EmailMfaSettings: { Enabled: true } })),
        InvalidParameterException,
        "Email MFA is not enabled for this user pool.",
      );
    });

    async function accessTokenOf(clientId: string): Promise<string> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      return reply.AuthenticationResult!.AccessToken!;
    }
  });
}
