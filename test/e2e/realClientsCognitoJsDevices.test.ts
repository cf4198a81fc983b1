import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import { AuthenticationDetails, type CognitoUser, type CognitoUserSession } from "amazon-cognito-identity-js";
import {
  AdminListDevicesCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { cognitoJsPool, cognitoJsUser } from "../helpers/realClients.js";
import { claimsOf, PASSWORD, SignInFixture } from "../helpers/signIn.js";
import type { Clock } from "../../src/domain/clock.js";

/** The code an authenticator app shows for `secret` at `at`: computed by otplib, independently of Cognate. */
function appCode(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

type SignInOutcome =
  | { kind: "success"; session: CognitoUserSession; totpAsked: boolean; userConfirmationNecessary: boolean }
  | { kind: "failure"; error: Error };

for (const backend of backends) {
  describe(`amazon-cognito-identity-js: a remembered device skips TOTP MFA (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date();
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** authenticateUser, answering a TOTP challenge with the app's code for `secret`; says whether TOTP was asked. */
    function signIn(user: CognitoUser, secret: string): Promise<SignInOutcome> {
      return new Promise((resolve) => {
        let totpAsked = false;
        const callbacks = {
          onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
            resolve({ kind: "success", session, totpAsked, userConfirmationNecessary: userConfirmationNecessary === true }),
          onFailure: (error: Error) => resolve({ kind: "failure", error }),
          totpRequired: () => {
            totpAsked = true;
            user.sendMFACode(appCode(secret, now), callbacks, "SOFTWARE_TOKEN_MFA");
          },
        };
        user.authenticateUser(new AuthenticationDetails({ Username: "ana", Password: PASSWORD }), callbacks);
      });
    }

    /** refreshSession with the session's refresh token: the library adds the DEVICE_KEY it keeps for the user. */
    function refresh(user: CognitoUser, session: CognitoUserSession): Promise<CognitoUserSession> {
      return new Promise((resolve, reject) =>
        user.refreshSession(session.getRefreshToken(), (error: Error | null, refreshed: CognitoUserSession) => (error ? reject(error) : resolve(refreshed))),
      );
    }

    function succeeded(outcome: SignInOutcome): Extract<SignInOutcome, { kind: "success" }> {
      assert.equal(outcome.kind, "success", outcome.kind === "failure" ? outcome.error.message : "");
      return outcome as Extract<SignInOutcome, { kind: "success" }>;
    }

    test("TOTP sign-in confirms the device, setDeviceStatusRemembered, then the same storage signs in without TOTP and refreshSession sends the device key; listDevices and forgetDevice", async () => {
      const UserPoolId = await fixture.pool({ DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } });
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "ON", SoftwareTokenMfaConfiguration: { Enabled: true } }));
      const { clientId } = await fixture.client(UserPoolId, {
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      await fixture.confirmedUser(UserPoolId, "ana");
      // Set up TOTP through the SDK: MFA_SETUP, then the app's code.
      const setup = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      assert.equal(setup.ChallengeName, "MFA_SETUP");
      const { SecretCode, Session } = await cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session! }));
      await cognito.send(new VerifySoftwareTokenCommand({ Session: Session!, UserCode: appCode(SecretCode!, now) }));
      now = new Date(now.getTime() + 30_000);

      const pool = cognitoJsPool(cognate.url, UserPoolId, clientId);
      const first = cognitoJsUser(pool, "ana");
      const signedIn = succeeded(await signIn(first, SecretCode!));
      assert.equal(signedIn.totpAsked, true);
      // The library confirmed the new device itself; the pool wants the user to choose to remember it.
      assert.equal(signedIn.userConfirmationNecessary, true);
      const devices = (await cognito.send(new AdminListDevicesCommand({ UserPoolId, Username: "ana" }))).Devices!;
      assert.equal(devices.length, 1);
      const deviceKey = devices[0]!.DeviceKey!;
      await new Promise<void>((resolve, reject) =>
        first.setDeviceStatusRemembered({ onSuccess: () => resolve(), onFailure: (error) => reject(error) }),
      );

      // A new CognitoUser over the same storage: the library sends DEVICE_KEY, answers DEVICE_SRP_AUTH, and no TOTP is asked.
      now = new Date(now.getTime() + 30_000);
      const second = cognitoJsUser(pool, "ana");
      const again = succeeded(await signIn(second, SecretCode!));
      assert.equal(again.totpAsked, false);
      assert.ok(again.session.isValid());
      // The tokens are bound to the device: the access token names it, and a refresh must name it too.
      assert.equal(claimsOf(again.session.getAccessToken().getJwtToken()).device_key, deviceKey);
      const refreshed = await refresh(second, again.session);
      assert.equal(claimsOf(refreshed.getAccessToken().getJwtToken()).device_key, deviceKey);
      assert.equal(claimsOf(refreshed.getAccessToken().getJwtToken()).username, "ana");
      const refreshWith = (parameters: Record<string, string>) =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "REFRESH_TOKEN_AUTH",
            AuthParameters: { REFRESH_TOKEN: again.session.getRefreshToken().getToken(), ...parameters },
          }),
        );
      await rejectsWith(refreshWith({}), NotAuthorizedException, "Invalid Refresh Token.");
      await rejectsWith(refreshWith({ DEVICE_KEY: `${deviceKey.split("_")[0]}_00000000-0000-4000-8000-000000000000` }), NotAuthorizedException, "Invalid Refresh Token.");
      assert.ok((await refreshWith({ DEVICE_KEY: deviceKey })).AuthenticationResult?.AccessToken);

      const listed = await new Promise<{ Devices: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }[] }>((resolve, reject) =>
        second.listDevices(10, null, { onSuccess: (result) => resolve(result as never), onFailure: (error) => reject(error) }),
      );
      assert.deepEqual(listed.Devices.map((device) => device.DeviceKey), [deviceKey]);
      assert.deepEqual(
        listed.Devices[0]!.DeviceAttributes.find((attribute) => attribute.Name === "dev:device_remembered_status")?.Value,
        "remembered",
      );
      await new Promise<void>((resolve, reject) => second.forgetDevice({ onSuccess: () => resolve(), onFailure: (error) => reject(error) }));
      assert.deepEqual((await cognito.send(new AdminListDevicesCommand({ UserPoolId, Username: "ana" }))).Devices, []);
      // A forgotten device's refresh tokens end with it.
      await rejectsWith(refreshWith({ DEVICE_KEY: deviceKey }), NotAuthorizedException, "Invalid Refresh Token.");

      // Forgotten: the next sign-in asks for TOTP again.
      now = new Date(now.getTime() + 30_000);
      const third = succeeded(await signIn(cognitoJsUser(pool, "ana"), SecretCode!));
      assert.equal(third.totpAsked, true);
    });
  });
}
