import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AliasExistsException,
  CodeMismatchException,
  ExpiredCodeException,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  LimitExceededException,
  NotAuthorizedException,
  VerifyUserAttributeCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, wrongCode } from "../helpers/codes.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const DAY = 24 * 60 * 60;

for (const backend of backends) {
  describe(`GetUserAttributeVerificationCode and VerifyUserAttribute (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const requestCode = (accessToken: string, attribute: string) =>
      cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: attribute }));
    const verify = (accessToken: string, attribute: string, code: string) =>
      cognito.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: attribute, Code: code }));
    const attributesOf = async (poolId: string, username: string) => {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      return Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    };
    /** A CONFIRMED user with the attributes (unverified), signed in: their access token. */
    const signedInUser = async (username: string, attributes: AttributeType[], pool: Parameters<SignInFixture["pool"]>[0] = {}) => {
      const poolId = await fixture.pool(pool);
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, username, attributes);
      return { poolId, clientId, accessToken: await accessTokenOf(clientId, username) };
    };
    const accessTokenOf = async (clientId: string, username: string) => {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }),
      );
      return reply.AuthenticationResult!.AccessToken!;
    };

    describe("the flow", () => {
      test("a signed-in user asks for a code to their email and verifies it with the code", async () => {
        const { poolId, accessToken } = await signedInUser("alice", [{ Name: "email", Value: "alice@example.com" }]);
        const reply = await requestCode(accessToken, "email");
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
        const message = await latestCode(cognate, poolId, "alice", "verify-attribute");
        assert.equal(message.destination, "alice@example.com");
        assert.equal((await attributesOf(poolId, "alice")).email_verified, undefined);
        await verify(accessToken, "email", message.code);
        assert.equal((await attributesOf(poolId, "alice")).email_verified, "true");
        await rejectsWith(verify(accessToken, "email", message.code), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("a phone number gets its code by SMS and becomes verified", async () => {
        const { poolId, accessToken } = await signedInUser("bob", [{ Name: "phone_number", Value: "+14155550123" }]);
        const reply = await requestCode(accessToken, "phone_number");
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "+*******0123", DeliveryMedium: "SMS", AttributeName: "phone_number" });
        const message = await latestCode(cognate, poolId, "bob", "verify-attribute");
        assert.equal(message.channel, "SMS");
        await verify(accessToken, "phone_number", message.code);
        assert.equal((await attributesOf(poolId, "bob")).phone_number_verified, "true");
      });

      test("in an alias pool the verified email becomes the alias; held by another user: AliasExistsException, the code still usable", async () => {
        const pool = { AliasAttributes: ["email" as const] };
        const { poolId, clientId, accessToken } = await signedInUser("carol", [{ Name: "email", Value: "shared@example.com" }], pool);
        await fixture.confirmedUser(poolId, "chris", [
          { Name: "email", Value: "shared@example.com" },
          { Name: "email_verified", Value: "true" },
        ]);
        await requestCode(accessToken, "email");
        const code = (await latestCode(cognate, poolId, "carol", "verify-attribute")).code;
        await rejectsWith(verify(accessToken, "email", code), AliasExistsException, "An account with the given email already exists.");
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "chris", UserAttributes: [{ Name: "email", Value: "chris@example.com" }] }),
        );
        await verify(accessToken, "email", code);
        assert.ok((await accessTokenOf(clientId, "shared@example.com")).length > 0, "carol signs in with the alias");
      });
    });

    describe("code checks", () => {
      test("a wrong code is a mismatch; after five, even the right code is refused until a new one is sent", async () => {
        const { poolId, accessToken } = await signedInUser("dave", [{ Name: "email", Value: "dave@example.com" }]);
        await requestCode(accessToken, "email");
        const code = (await latestCode(cognate, poolId, "dave", "verify-attribute")).code;
        for (let attempt = 0; attempt < 5; attempt++) {
          await rejectsWith(verify(accessToken, "email", wrongCode(code)), CodeMismatchException, "Invalid verification code provided, please try again.");
        }
        await rejectsWith(verify(accessToken, "email", code), LimitExceededException, "Attempt limit exceeded, please try after some time.");
        await requestCode(accessToken, "email");
        await verify(accessToken, "email", (await latestCode(cognate, poolId, "dave", "verify-attribute")).code);
      });

      test("a code works for 24 hours", async () => {
        const { poolId, clientId, accessToken } = await signedInUser("erin", [{ Name: "email", Value: "erin@example.com" }]);
        await requestCode(accessToken, "email");
        const code = (await latestCode(cognate, poolId, "erin", "verify-attribute")).code;
        await fixture.advanceClock(DAY + 1);
        // The access token has expired too: sign in again.
        await rejectsWith(verify(await accessTokenOf(clientId, "erin"), "email", code), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("a code proves the value it was sent to: once the email changes, it no longer matches", async () => {
        const { poolId, accessToken } = await signedInUser("fay", [{ Name: "email", Value: "fay@example.com" }]);
        await requestCode(accessToken, "email");
        const code = (await latestCode(cognate, poolId, "fay", "verify-attribute")).code;
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "fay", UserAttributes: [{ Name: "email", Value: "fay@example.org" }] }),
        );
        await rejectsWith(verify(accessToken, "email", code), CodeMismatchException, "Invalid verification code provided, please try again.");
        assert.notEqual((await attributesOf(poolId, "fay")).email_verified, "true");
      });
    });

    describe("refusals", () => {
      test("only an email or phone number the user has can be verified", async () => {
        const { accessToken } = await signedInUser("gina", [{ Name: "email", Value: "gina@example.com" }]);
        await rejectsWith(
          requestCode(accessToken, "name"),
          InvalidParameterException,
          "Attribute name cannot be verified: only email and phone_number can.",
        );
        await rejectsWith(requestCode(accessToken, "phone_number"), InvalidParameterException, "User has no value for attribute phone_number");
        await rejectsWith(
          verify(accessToken, "name", "123456"),
          InvalidParameterException,
          "Attribute name cannot be verified: only email and phone_number can.",
        );
      });

      test("a code never requested: ExpiredCodeException", async () => {
        const { accessToken } = await signedInUser("hank", [{ Name: "email", Value: "hank@example.com" }]);
        await rejectsWith(verify(accessToken, "email", "123456"), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("a token that is not an access token Cognate issued: NotAuthorizedException", async () => {
        await rejectsWith(requestCode("not-a-token", "email"), NotAuthorizedException, "Invalid Access Token");
        await rejectsWith(verify("not-a-token", "email", "123456"), NotAuthorizedException, "Invalid Access Token");
      });
    });
  });
}
