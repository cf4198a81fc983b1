import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CodeMismatchException,
  ConfirmForgotPasswordCommand,
  ExpiredCodeException,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordHistoryPolicyViolationException,
  PasswordResetRequiredException,
  UserNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, outboxOf, wrongCode } from "../helpers/codes.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture, secretHash } from "../helpers/signIn.js";

const HOUR = 60 * 60;
const NEW_PASSWORD = "Brand-New-Pass3";

const verifiedEmail = (address: string): AttributeType[] => [
  { Name: "email", Value: address },
  { Name: "email_verified", Value: "true" },
];

for (const backend of backends) {
  describe(`ForgotPassword and ConfirmForgotPassword (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const forgot = (clientId: string, username: string, extra: { SecretHash?: string } = {}) =>
      cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username, ...extra }));
    const confirmReset = (clientId: string, username: string, code: string, password = NEW_PASSWORD, extra: { SecretHash?: string } = {}) =>
      cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: password, ...extra }));
    const signIn = (clientId: string, username: string, password: string) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const statusOf = async (poolId: string, username: string) =>
      (await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus;
    /** A pool, a client and a CONFIRMED user with PASSWORD and a verified email. */
    const confirmedUser = async (username: string, pool: Parameters<SignInFixture["pool"]>[0] = {}, client: Parameters<SignInFixture["client"]>[1] = {}) => {
      const poolId = await fixture.pool(pool);
      const { clientId } = await fixture.client(poolId, client);
      await fixture.confirmedUser(poolId, username, verifiedEmail(`${username}@example.com`));
      return { poolId, clientId };
    };
    const resetCode = async (poolId: string, username: string, kind = "forgot-password") => (await latestCode(cognate, poolId, username, kind)).code;

    describe("the flow", () => {
      test("forgot password, reset with the emailed code, sign in with the new password; the code works once", async () => {
        const { poolId, clientId } = await confirmedUser("alice");
        const reply = await forgot(clientId, "alice");
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
        assert.equal(await statusOf(poolId, "alice"), "CONFIRMED");
        assert.ok((await signIn(clientId, "alice", PASSWORD)).AuthenticationResult !== undefined, "the old password works until the reset");

        const message = await latestCode(cognate, poolId, "alice", "forgot-password");
        assert.equal(message.destination, "alice@example.com");
        await confirmReset(clientId, "alice", message.code);
        assert.ok((await signIn(clientId, "alice", NEW_PASSWORD)).AuthenticationResult !== undefined);
        await rejectsWith(signIn(clientId, "alice", PASSWORD), NotAuthorizedException, "Incorrect username or password.");
        await rejectsWith(
          confirmReset(clientId, "alice", message.code, OTHER_PASSWORD),
          ExpiredCodeException,
          "Invalid code provided, please request a code again.",
        );
      });

      test("the code goes to a verified phone number first when the pool sets no recovery order", async () => {
        const { poolId, clientId } = await confirmedUser("bob");
        await cognito.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: "bob",
            UserAttributes: [
              { Name: "phone_number", Value: "+14155550123" },
              { Name: "phone_number_verified", Value: "true" },
            ],
          }),
        );
        const reply = await forgot(clientId, "bob");
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "+*******0123", DeliveryMedium: "SMS", AttributeName: "phone_number" });
        assert.equal((await latestCode(cognate, poolId, "bob", "forgot-password")).channel, "SMS");
      });

      test("AdminResetUserPassword's code is accepted by ConfirmForgotPassword: RESET_REQUIRED becomes CONFIRMED", async () => {
        const { poolId, clientId } = await confirmedUser("carol");
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "carol" }));
        assert.equal(await statusOf(poolId, "carol"), "RESET_REQUIRED");
        await rejectsWith(signIn(clientId, "carol", PASSWORD), PasswordResetRequiredException, "Password reset required for the user");
        await confirmReset(clientId, "carol", await resetCode(poolId, "carol", "reset"));
        assert.equal(await statusOf(poolId, "carol"), "CONFIRMED");
        assert.ok((await signIn(clientId, "carol", NEW_PASSWORD)).AuthenticationResult !== undefined);
      });

      test("a reset clears the failed sign-ins that lock a user out", async () => {
        const { poolId, clientId } = await confirmedUser("dave");
        for (let attempt = 0; attempt < 5; attempt++) {
          await rejectsWith(signIn(clientId, "dave", "Wrong-Pass-1"), NotAuthorizedException, "Incorrect username or password.");
        }
        const store = cognate.app.deps.store;
        assert.equal((await store.users.signInFailures(poolId, "dave"))?.count, 5);
        await forgot(clientId, "dave");
        await confirmReset(clientId, "dave", await resetCode(poolId, "dave"));
        assert.equal(await store.users.signInFailures(poolId, "dave"), undefined);
        assert.ok((await signIn(clientId, "dave", NEW_PASSWORD)).AuthenticationResult !== undefined);
      });
    });

    describe("the new password", () => {
      test("is checked against the policy in ConfirmForgotPassword's wording; the code stays usable", async () => {
        const { poolId, clientId } = await confirmedUser("erin");
        await forgot(clientId, "erin");
        const code = await resetCode(poolId, "erin");
        await rejectsWith(confirmReset(clientId, "erin", code, "Short1!"), InvalidPasswordException, "Password does not conform to policy: Password not long enough");
        await confirmReset(clientId, "erin", code);
        assert.ok((await signIn(clientId, "erin", NEW_PASSWORD)).AuthenticationResult !== undefined);
      });

      test("is checked against the history; the code stays usable", async () => {
        const { poolId, clientId } = await confirmedUser("fay", { Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } });
        await forgot(clientId, "fay");
        const code = await resetCode(poolId, "fay");
        await rejectsWith(confirmReset(clientId, "fay", code, PASSWORD), PasswordHistoryPolicyViolationException, "The password has been used too recently.");
        await confirmReset(clientId, "fay", code);
      });
    });

    describe("code checks", () => {
      test("a wrong code is a mismatch; after five, even the right code is refused until a new one is sent", async () => {
        const { poolId, clientId } = await confirmedUser("gina");
        await forgot(clientId, "gina");
        const code = await resetCode(poolId, "gina");
        for (let attempt = 0; attempt < 5; attempt++) {
          await rejectsWith(confirmReset(clientId, "gina", wrongCode(code)), CodeMismatchException, "Invalid verification code provided, please try again.");
        }
        await rejectsWith(confirmReset(clientId, "gina", code), LimitExceededException, "Attempt limit exceeded, please try after some time.");
        await forgot(clientId, "gina");
        await confirmReset(clientId, "gina", await resetCode(poolId, "gina"));
      });

      test("a reset code works for one hour", async () => {
        const { poolId, clientId } = await confirmedUser("hank");
        await fixture.confirmedUser(poolId, "hugo", verifiedEmail("hugo@example.com"));
        await forgot(clientId, "hank");
        await forgot(clientId, "hugo");
        const early = await resetCode(poolId, "hank");
        const late = await resetCode(poolId, "hugo");
        await fixture.advanceClock(HOUR - 60);
        await confirmReset(clientId, "hank", early);
        await fixture.advanceClock(61);
        await rejectsWith(confirmReset(clientId, "hugo", late), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("without a code requested: ExpiredCodeException", async () => {
        const { clientId } = await confirmedUser("ivan");
        await rejectsWith(confirmReset(clientId, "ivan", "123456"), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });
    });

    describe("users who cannot reset", () => {
      test("no verified email or phone number: InvalidParameterException, or made-up details with PreventUserExistenceErrors", async () => {
        const poolId = await fixture.pool();
        const legacy = await fixture.client(poolId);
        const enabled = await fixture.client(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await fixture.confirmedUser(poolId, "jane", [{ Name: "email", Value: "jane@example.com" }]);
        await rejectsWith(
          forgot(legacy.clientId, "jane"),
          InvalidParameterException,
          "Cannot reset password for the user as there is no registered/verified email or phone_number",
        );
        const reply = await forgot(enabled.clientId, "jane");
        assert.match(reply.CodeDeliveryDetails?.Destination ?? "", /^\+\*{7}[0-9]{4}$/);
        assert.deepEqual(await outboxOf(cognate, poolId, "jane"), []);
      });

      test("a user who must change a temporary password: NotAuthorizedException", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "kate", verifiedEmail("kate@example.com"));
        await rejectsWith(forgot(clientId, "kate"), NotAuthorizedException, "User password cannot be reset in the current state.");
      });

      test("a disabled user: NotAuthorizedException, or made-up details with PreventUserExistenceErrors", async () => {
        const { poolId, clientId } = await confirmedUser("liam");
        const enabled = await fixture.client(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "liam" }));
        await rejectsWith(forgot(clientId, "liam"), NotAuthorizedException, "User is disabled.");
        assert.ok((await forgot(enabled.clientId, "liam")).CodeDeliveryDetails !== undefined);
        await rejectsWith(confirmReset(enabled.clientId, "liam", "123456"), CodeMismatchException, "Invalid verification code provided, please try again.");
      });

      test("a pool whose recovery is admin_only refuses ForgotPassword", async () => {
        const { clientId } = await confirmedUser("mona", { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] } });
        await rejectsWith(forgot(clientId, "mona"), NotAuthorizedException, "Contact administrator to reset password.");
      });
    });

    describe("unknown users and PreventUserExistenceErrors", () => {
      test("LEGACY names the missing user", async () => {
        const { clientId } = await confirmedUser("nina");
        await rejectsWith(forgot(clientId, "nobody"), UserNotFoundException, "Username/client id combination not found.");
        await rejectsWith(confirmReset(clientId, "nobody", "123456"), UserNotFoundException, "Username/client id combination not found.");
      });

      test("ENABLED answers like a real user: made-up delivery details that stay the same, and a mismatch for any code", async () => {
        const recovery = { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email" as const, Priority: 1 }] } };
        const { clientId } = await confirmedUser("oscar", recovery, { PreventUserExistenceErrors: "ENABLED" });
        const reply = await forgot(clientId, "nobody");
        assert.equal(reply.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
        assert.match(reply.CodeDeliveryDetails?.Destination ?? "", /^n\*\*\*@[a-z]\*\*\*$/);
        assert.deepEqual((await forgot(clientId, "nobody")).CodeDeliveryDetails, reply.CodeDeliveryDetails);
        assert.deepEqual((await forgot(clientId, "+14155550199")).CodeDeliveryDetails, {
          Destination: "+*******0199",
          DeliveryMedium: "SMS",
          AttributeName: "phone_number",
        });
        await rejectsWith(confirmReset(clientId, "nobody", "123456"), CodeMismatchException, "Invalid verification code provided, please try again.");
      });
    });

    describe("SecretHash", () => {
      test("a client with a secret needs the hash of the username on both calls: missing, wrong and right", async () => {
        const { poolId, clientId: plain } = await confirmedUser("pat");
        const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
        assert.ok(plain !== clientId);
        const hash = secretHash(secret!, "pat", clientId);
        await rejectsWith(forgot(clientId, "pat"), NotAuthorizedException, `Client ${clientId} is configured for secret but secret was not received`);
        await rejectsWith(
          forgot(clientId, "pat", { SecretHash: secretHash(secret!, "someone", clientId) }),
          NotAuthorizedException,
          `Unable to verify secret hash for client ${clientId}`,
        );
        await forgot(clientId, "pat", { SecretHash: hash });
        const code = await resetCode(poolId, "pat");
        await rejectsWith(
          confirmReset(clientId, "pat", code),
          NotAuthorizedException,
          `Client ${clientId} is configured for secret but secret was not received`,
        );
        await confirmReset(clientId, "pat", code, NEW_PASSWORD, { SecretHash: hash });
        assert.ok((await signIn(plain, "pat", NEW_PASSWORD)).AuthenticationResult !== undefined);
      });
    });
  });
}
