import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  ChangePasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordHistoryPolicyViolationException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture } from "../helpers/signIn.js";

const WRONG_PASSWORD = "Wrong-Password9";

for (const backend of backends) {
  describe(`ChangePassword (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const signIn = (clientId: string, username: string, password: string) =>
      cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }),
      );
    const changePassword = (accessToken: string, previous: string, proposed: string) =>
      cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed }));

    async function signedInUser(username: string, pool: Parameters<SignInFixture["pool"]>[0] = {}) {
      const poolId = await fixture.pool(pool);
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, username);
      const accessToken = (await signIn(clientId, username, PASSWORD)).AuthenticationResult!.AccessToken!;
      return { poolId, clientId, accessToken };
    }

    test("the previous password unlocks the change: the new one signs in, the old no longer, other sessions stay", async () => {
      const { poolId, clientId, accessToken } = await signedInUser("ana");
      const otherSession = (await signIn(clientId, "ana", PASSWORD)).AuthenticationResult!.AccessToken!;
      await changePassword(accessToken, PASSWORD, OTHER_PASSWORD);
      await rejectsWith(signIn(clientId, "ana", PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      assert.ok((await signIn(clientId, "ana", OTHER_PASSWORD)).AuthenticationResult?.AccessToken);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken: otherSession }))).Username, "ana");
      assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ana" }))).UserStatus, "CONFIRMED");
    });

    test("a wrong previous password is refused as a wrong sign-in password, and nothing changes", async () => {
      const { clientId, accessToken } = await signedInUser("ben");
      await rejectsWith(changePassword(accessToken, WRONG_PASSWORD, OTHER_PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      assert.ok((await signIn(clientId, "ben", PASSWORD)).AuthenticationResult?.AccessToken);
    });

    test("the new password must satisfy the policy, worded as for users, and the history", async () => {
      const { clientId, accessToken } = await signedInUser("cal", { Policies: { PasswordPolicy: { PasswordHistorySize: 2, RequireUppercase: true } } });
      await rejectsWith(
        changePassword(accessToken, PASSWORD, "Sh0rt!"),
        InvalidPasswordException,
        "Password does not conform to policy: Password not long enough",
      );
      await rejectsWith(
        changePassword(accessToken, PASSWORD, "nouppercase-1"),
        InvalidPasswordException,
        "Password does not conform to policy: Password must have uppercase characters",
      );
      await rejectsWith(
        changePassword(accessToken, PASSWORD, PASSWORD),
        PasswordHistoryPolicyViolationException,
        "The password has been used too recently.",
      );
      assert.ok((await signIn(clientId, "cal", PASSWORD)).AuthenticationResult?.AccessToken, "a refused change leaves the password");
    });

    test("wrong previous passwords count toward the sign-in lockout, which then refuses the change itself", async () => {
      const { clientId, accessToken } = await signedInUser("dot");
      for (let failure = 1; failure <= 5; failure++) {
        await rejectsWith(changePassword(accessToken, WRONG_PASSWORD, OTHER_PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      }
      // The n-th failure locks for 2^(n-5) seconds: wait out each lock, so that the seventh locks for four.
      await fixture.advanceClock(1);
      await rejectsWith(changePassword(accessToken, WRONG_PASSWORD, OTHER_PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      await fixture.advanceClock(2);
      await rejectsWith(changePassword(accessToken, WRONG_PASSWORD, OTHER_PASSWORD), NotAuthorizedException, "Incorrect username or password.");

      await rejectsWith(
        changePassword(accessToken, PASSWORD, OTHER_PASSWORD),
        LimitExceededException,
        "Attempt limit exceeded, please try after some time.",
      );
      await rejectsWith(signIn(clientId, "dot", PASSWORD), NotAuthorizedException, "Password attempts exceeded");

      await fixture.advanceClock(4);
      await changePassword(accessToken, PASSWORD, OTHER_PASSWORD);
      // Had the count not been cleared, this eighth failure would lock for eight seconds.
      await rejectsWith(changePassword(accessToken, WRONG_PASSWORD, PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      await changePassword(accessToken, OTHER_PASSWORD, PASSWORD);
    });
  });
}
