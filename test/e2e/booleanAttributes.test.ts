import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  ListUsersCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, outboxOf } from "../helpers/codes.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

function asMap(attributes: AttributeType[] | undefined): Record<string, string> {
  return Object.fromEntries((attributes ?? []).map((attribute) => [attribute.Name!, attribute.Value!]));
}

const WITH_MEMBER: Partial<CreateUserPoolRequest> = {
  Schema: [{ Name: "member", AttributeDataType: "Boolean", Mutable: true }],
};

// docs/behaviour.md#boolean-attribute-values
for (const backend of backends) {
  describe(`Boolean attribute values in any letter case, through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function attributesOf(poolId: string, username: string): Promise<Record<string, string>> {
      return asMap((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserAttributes);
    }

    async function signIn(clientId: string, username: string) {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }),
      );
      return reply.AuthenticationResult!;
    }

    test("AdminCreateUser takes email_verified True: stored and listed as written, and ForgotPassword sends the code to that email", async () => {
      const poolId = await fixture.pool({
        AutoVerifiedAttributes: ["email"],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
      });
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "ann", [
        { Name: "email", Value: "ann@example.com" },
        { Name: "email_verified", Value: "True" },
      ]);
      assert.equal((await attributesOf(poolId, "ann")).email_verified, "True");
      const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
      assert.equal(asMap(listed.Users![0]!.Attributes).email_verified, "True");

      const reply = await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "ann" }));
      assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
      const message = await latestCode(cognate, poolId, "ann", "forgot-password");
      assert.equal(message.destination, "ann@example.com");
    });

    test("the ID token's email_verified is the boolean true for TRUE, and false for False", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "bob", [
        { Name: "email", Value: "bob@example.com" },
        { Name: "email_verified", Value: "TRUE" },
        { Name: "phone_number", Value: "+15555550100" },
        { Name: "phone_number_verified", Value: "False" },
      ]);
      const claims = decodeJwt((await signIn(clientId, "bob")).IdToken!);
      assert.equal(claims.email_verified, true);
      assert.equal(claims.phone_number_verified, false);
    });

    test("an email verified as True is an alias in an alias pool: the user is found and signs in by it", async () => {
      const poolId = await fixture.pool({ AliasAttributes: ["email"] });
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "cleo", [
        { Name: "email", Value: "cleo@example.com" },
        { Name: "email_verified", Value: "True" },
      ]);
      const found = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "cleo@example.com" }));
      assert.equal(found.Username, "cleo");
      assert.ok((await signIn(clientId, "cleo@example.com")).AccessToken);
    });

    test("AdminUpdateUserAttributes: a new email with email_verified TRUE applies at once and sends no code", async () => {
      const poolId = await fixture.pool({
        AutoVerifiedAttributes: ["email"],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
      });
      await fixture.confirmedUser(poolId, "dan", [
        { Name: "email", Value: "dan@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      const before = (await outboxOf(cognate, poolId, "dan")).length;
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: "dan",
          UserAttributes: [
            { Name: "email", Value: "dan@example.org" },
            { Name: "email_verified", Value: "TRUE" },
          ],
        }),
      );
      const attributes = await attributesOf(poolId, "dan");
      assert.deepEqual([attributes.email, attributes.email_verified], ["dan@example.org", "TRUE"]);
      assert.equal((await outboxOf(cognate, poolId, "dan")).length, before);
    });

    test("a custom Boolean attribute keeps the case it was written in, through every operation that writes it", async () => {
      const poolId = await fixture.pool(WITH_MEMBER);
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "eve", [{ Name: "custom:member", Value: "FALSE" }]);
      assert.equal((await attributesOf(poolId, "eve"))["custom:member"], "FALSE");

      await cognito.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "eve", UserAttributes: [{ Name: "custom:member", Value: "True" }] }),
      );
      assert.equal((await attributesOf(poolId, "eve"))["custom:member"], "True");

      const { AccessToken, IdToken } = await signIn(clientId, "eve");
      assert.equal(decodeJwt(IdToken!)["custom:member"], "True", "custom attributes are strings in the ID token");
      await cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: "custom:member", Value: "fAlSe" }] }));
      const own = asMap((await cognito.send(new GetUserCommand({ AccessToken }))).UserAttributes);
      assert.equal(own["custom:member"], "fAlSe");

      await cognito.send(
        new SignUpCommand({ ClientId: clientId, Username: "fay", Password: PASSWORD, UserAttributes: [{ Name: "custom:member", Value: "False" }] }),
      );
      assert.equal((await attributesOf(poolId, "fay"))["custom:member"], "False");
    });

    test("anything but true or false is still refused, in every operation, and changes nothing", async () => {
      const poolId = await fixture.pool(WITH_MEMBER);
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "gus", [
        { Name: "email", Value: "gus@example.com" },
        { Name: "email_verified", Value: "false" },
        { Name: "custom:member", Value: "false" },
      ]);
      for (const value of ["yes", "1", " true", "truE!"]) {
        await rejectsWith(
          cognito.send(
            new AdminCreateUserCommand({
              UserPoolId: poolId,
              Username: "hal",
              UserAttributes: [
                { Name: "email", Value: "hal@example.com" },
                { Name: "email_verified", Value: value },
              ],
              MessageAction: "SUPPRESS",
            }),
          ),
          InvalidParameterException,
          "Attributes did not conform to the schema: email_verified: Boolean value must be true or false",
        );
        await rejectsWith(
          cognito.send(
            new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "gus", UserAttributes: [{ Name: "email_verified", Value: value }] }),
          ),
          InvalidParameterException,
          "Invalid user attributes: user.email_verified: Boolean value must be true or false",
        );
        await rejectsWith(
          cognito.send(
            new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "gus", UserAttributes: [{ Name: "custom:member", Value: value }] }),
          ),
          InvalidParameterException,
          "Invalid user attributes: user.custom:member: Boolean value must be true or false",
        );
        await rejectsWith(
          cognito.send(
            new SignUpCommand({ ClientId: clientId, Username: "ivy", Password: PASSWORD, UserAttributes: [{ Name: "custom:member", Value: value }] }),
          ),
          InvalidParameterException,
          "Attributes did not conform to the schema: custom:member: Boolean value must be true or false",
        );
      }
      const { AccessToken } = await signIn(clientId, "gus");
      await rejectsWith(
        cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: "custom:member", Value: "yes" }] })),
        InvalidParameterException,
        "Invalid user attributes: user.custom:member: Boolean value must be true or false",
      );
      const attributes = await attributesOf(poolId, "gus");
      assert.deepEqual([attributes.email_verified, attributes["custom:member"]], ["false", "false"]);
      assert.deepEqual(
        (await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users!.map((user) => user.Username),
        ["gus"],
      );
    });
  });
}
