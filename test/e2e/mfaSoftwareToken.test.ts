import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { authenticator } from "otplib";
import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  EnableSoftwareTokenMFAException,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SoftwareTokenMFANotFoundException,
  VerifySoftwareTokenCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";
import type { Clock } from "../../src/domain/clock.js";

/** The code an authenticator app shows for `secret` at `at`: computed by otplib, independently of Cognate. */
function appCode(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

for (const backend of backends) {
  describe(`authenticator apps: AssociateSoftwareToken and VerifySoftwareToken (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date("2031-06-01T12:00:10Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A signed-in user of a pool offering TOTP (or not). */
    async function signedIn(totp = true): Promise<{ UserPoolId: string; AccessToken: string }> {
      const UserPoolId = await fixture.pool();
      if (totp) {
        await cognito.send(
          new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } }),
        );
      }
      const { clientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "ana");
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      return { UserPoolId, AccessToken: reply.AuthenticationResult!.AccessToken! };
    }

    test("an app set up with a code it shows turns TOTP on for the user, who may then prefer it", async () => {
      const { UserPoolId, AccessToken } = await signedIn();
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      assert.match(SecretCode!, /^[A-Z2-7]{32}$/);
      await rejectsWith(
        cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, new Date(now.getTime() - 60_000)) })),
        EnableSoftwareTokenMFAException,
        "Code mismatch",
      );
      const verified = await cognito.send(
        new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, now), FriendlyDeviceName: "Ana's phone" }),
      );
      assert.equal(verified.Status, "SUCCESS");
      assert.equal(verified.Session, undefined);
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: "ana" }));
      assert.deepEqual(user.UserMFASettingList, ["SOFTWARE_TOKEN_MFA"]);
      await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: "ana" }))).PreferredMfaSetting, "SOFTWARE_TOKEN_MFA");
      // The secret is used up: verifying again needs a new association.
      await rejectsWith(
        cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, now) })),
        SoftwareTokenMFANotFoundException,
        "No software token has been associated with the user: call AssociateSoftwareToken first.",
      );
    });

    test("a code of the previous or next 30-second step is accepted, one two steps away is not", async () => {
      for (const [offsetSeconds, accepted] of [
        [-30, true],
        [30, true],
        [-60, false],
        [60, false],
      ] as const) {
        const { AccessToken } = await signedIn();
        const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
        const code = appCode(SecretCode!, new Date(now.getTime() + offsetSeconds * 1000));
        const verify = cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code }));
        if (accepted) assert.equal((await verify).Status, "SUCCESS", `offset ${offsetSeconds}`);
        else await rejectsWith(verify, EnableSoftwareTokenMFAException, "Code mismatch");
      }
    });

    test("the codes follow the control clock", async () => {
      const { AccessToken } = await signedIn();
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      const before = now;
      now = new Date(now.getTime() + 600_000);
      await rejectsWith(
        cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, before) })),
        EnableSoftwareTokenMFAException,
        "Code mismatch",
      );
      assert.equal((await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: appCode(SecretCode!, now) }))).Status, "SUCCESS");
    });

    test("refusals: a pool without TOTP, no association, no credential, a session of no MFA set-up", async () => {
      const withoutTotp = await signedIn(false);
      await rejectsWith(
        cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: withoutTotp.AccessToken })),
        SoftwareTokenMFANotFoundException,
        "Software Token MFA has not been enabled by the userPool.",
      );
      const { AccessToken, UserPoolId } = await signedIn();
      await rejectsWith(
        cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: "123456" })),
        SoftwareTokenMFANotFoundException,
        "No software token has been associated with the user: call AssociateSoftwareToken first.",
      );
      await rejectsWith(cognito.send(new AssociateSoftwareTokenCommand({})), InvalidParameterException, "Either AccessToken or Session must be provided.");
      await rejectsWith(
        cognito.send(new AssociateSoftwareTokenCommand({ Session: "AYABe" + "x".repeat(40) })),
        NotAuthorizedException,
        "Invalid session for the user, session is expired.",
      );
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: "ana" }));
      assert.equal(user.UserMFASettingList, undefined);
    });
  });
}
