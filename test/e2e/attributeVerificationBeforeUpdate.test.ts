import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AliasExistsException,
  CodeMismatchException,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
  UserNotFoundException,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, outboxOf, wrongCode } from "../helpers/codes.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

/** A pool that keeps a user's email until the new one is verified. */
const HOLDING: Partial<CreateUserPoolRequest> = {
  AutoVerifiedAttributes: ["email"],
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
};

for (const backend of backends) {
  describe(`AttributesRequireVerificationBeforeUpdate (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const accessTokenOf = async (clientId: string, username: string) => {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }),
      );
      return reply.AuthenticationResult!.AccessToken!;
    };
    /** A CONFIRMED user with a verified email, signed in. */
    const signedInUser = async (username: string, email: string, pool: Partial<CreateUserPoolRequest>) => {
      const poolId = await fixture.pool(pool);
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, username, [
        { Name: "email", Value: email },
        { Name: "email_verified", Value: "true" },
      ]);
      return { poolId, clientId, accessToken: await accessTokenOf(clientId, username) };
    };
    const ownAttributes = async (accessToken: string) => {
      const user = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
      return Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    };
    const adminAttributes = async (poolId: string, username: string) => {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      return Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    };
    const updateEmail = (accessToken: string, email: string) =>
      cognito.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: email }] }));
    const verifyEmail = (accessToken: string, code: string) =>
      cognito.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: "email", Code: code }));

    test("a new email waits for its code: the old one stays verified and signs in, then the code applies the new one", async () => {
      const { poolId, clientId, accessToken } = await signedInUser("alice", "alice@example.com", { ...HOLDING, AliasAttributes: ["email"] });
      const reply = await updateEmail(accessToken, "alice.new@example.org");
      assert.deepEqual(reply.CodeDeliveryDetailsList, [{ Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);

      const before = await ownAttributes(accessToken);
      assert.equal(before.email, "alice@example.com");
      assert.equal(before.email_verified, "true");
      assert.ok((await accessTokenOf(clientId, "alice@example.com")).length > 0, "the old email still signs in");
      const message = await latestCode(cognate, poolId, "alice", "verify-attribute");
      assert.equal(message.destination, "alice.new@example.org");

      await rejectsWith(verifyEmail(accessToken, wrongCode(message.code)), CodeMismatchException, "Invalid verification code provided, please try again.");
      assert.equal((await ownAttributes(accessToken)).email, "alice@example.com");

      await verifyEmail(accessToken, message.code);
      const after = await ownAttributes(accessToken);
      assert.equal(after.email, "alice.new@example.org");
      assert.equal(after.email_verified, "true");
      assert.ok((await accessTokenOf(clientId, "alice.new@example.org")).length > 0, "the new email signs in");
      await rejectsWith(accessTokenOf(clientId, "alice@example.com"), UserNotFoundException, "User does not exist.");
    });

    test("a second update replaces the waiting value: only the latest code applies, and to the latest value", async () => {
      const { poolId, accessToken } = await signedInUser("bob", "bob@example.com", HOLDING);
      await updateEmail(accessToken, "bob.first@example.com");
      const first = await latestCode(cognate, poolId, "bob", "verify-attribute");
      await updateEmail(accessToken, "bob.second@example.com");
      const second = await latestCode(cognate, poolId, "bob", "verify-attribute");
      assert.equal(second.destination, "bob.second@example.com");
      if (first.code !== second.code) {
        await rejectsWith(verifyEmail(accessToken, first.code), CodeMismatchException, "Invalid verification code provided, please try again.");
      }
      await verifyEmail(accessToken, second.code);
      assert.equal((await ownAttributes(accessToken)).email, "bob.second@example.com");
    });

    test("asking for a code again while an update waits sends it to the new value, and it still applies it", async () => {
      const { poolId, accessToken } = await signedInUser("carol", "carol@example.com", HOLDING);
      await updateEmail(accessToken, "carol.new@example.com");
      const reply = await cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: "email" }));
      assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "c***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
      const message = await latestCode(cognate, poolId, "carol", "verify-attribute");
      assert.equal(message.destination, "carol.new@example.com");
      await verifyEmail(accessToken, message.code);
      assert.equal((await ownAttributes(accessToken)).email, "carol.new@example.com");
    });

    test("the waiting email held verified by another user in an alias pool: AliasExistsException, nothing changes", async () => {
      const { poolId, accessToken } = await signedInUser("dave", "dave@example.com", { ...HOLDING, AliasAttributes: ["email"] });
      await fixture.confirmedUser(poolId, "dora", [
        { Name: "email", Value: "taken@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      await updateEmail(accessToken, "taken@example.com");
      const message = await latestCode(cognate, poolId, "dave", "verify-attribute");
      await rejectsWith(verifyEmail(accessToken, message.code), AliasExistsException, "An account with the given email already exists.");
      assert.equal((await ownAttributes(accessToken)).email, "dave@example.com");
    });

    test("AdminUpdateUserAttributes waits too, unless it sets email_verified to true, which applies at once without a code", async () => {
      const { poolId, accessToken } = await signedInUser("erin", "erin@example.com", HOLDING);
      await cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "erin", UserAttributes: [{ Name: "email", Value: "erin.held@example.com" }] }),
      );
      assert.equal((await adminAttributes(poolId, "erin")).email, "erin@example.com");
      const held = await latestCode(cognate, poolId, "erin", "verify-attribute");
      assert.equal(held.destination, "erin.held@example.com");

      const sent = (await outboxOf(cognate, poolId, "erin")).length;
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: "erin",
          UserAttributes: [
            { Name: "email", Value: "erin.now@example.com" },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
      const now = await adminAttributes(poolId, "erin");
      assert.equal(now.email, "erin.now@example.com");
      assert.equal(now.email_verified, "true");
      assert.equal((await outboxOf(cognate, poolId, "erin")).length, sent, "no code sent");
      assert.equal((await ownAttributes(accessToken)).email, "erin.now@example.com");
    });

    test("a pool without the setting applies a new email at once, unverified, and sends a code", async () => {
      const { poolId, accessToken } = await signedInUser("fred", "fred@example.com", { AutoVerifiedAttributes: ["email"] });
      const reply = await updateEmail(accessToken, "fred.new@example.com");
      assert.equal(reply.CodeDeliveryDetailsList?.length, 1);
      const now = await ownAttributes(accessToken);
      assert.equal(now.email, "fred.new@example.com");
      assert.equal(now.email_verified, "false");
      await verifyEmail(accessToken, (await latestCode(cognate, poolId, "fred", "verify-attribute")).code);
      assert.equal((await ownAttributes(accessToken)).email_verified, "true");
    });
  });
}
