import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AliasExistsException,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  UpdateUserAttributesCommand,
  UserNotFoundException,
  VerifyUserAttributeCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, outboxOf } from "../helpers/codes.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`a signed-in user's own profile: GetUser, UpdateUserAttributes, DeleteUserAttributes, DeleteUser (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A pool, a client allowing USER_PASSWORD_AUTH, a CONFIRMED user with the attributes, and their access token. */
    async function signedInUser(
      username: string,
      attributes: AttributeType[],
      settings: { pool?: Partial<CreateUserPoolRequest>; client?: Partial<CreateUserPoolClientRequest> } = {},
    ) {
      const poolId = await fixture.pool(settings.pool);
      const { clientId } = await fixture.client(poolId, settings.client);
      await fixture.confirmedUser(poolId, username, attributes);
      return { poolId, clientId, accessToken: await accessTokenOf(clientId, username) };
    }

    async function accessTokenOf(clientId: string, username: string): Promise<string> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }),
      );
      return reply.AuthenticationResult!.AccessToken!;
    }

    async function ownAttributes(accessToken: string): Promise<Record<string, string>> {
      const reply = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
      return Object.fromEntries(reply.UserAttributes!.map((attribute) => [attribute.Name!, attribute.Value!]));
    }

    const update = (accessToken: string, attributes: AttributeType[]) =>
      cognito.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: attributes }));

    test("GetUser answers the username and every attribute, sub first, with no MFA fields for a user without MFA", async () => {
      const { accessToken } = await signedInUser("ada", [
        { Name: "email", Value: "ada@example.com" },
        { Name: "name", Value: "Ada" },
      ]);
      const reply = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
      assert.equal(reply.Username, "ada");
      assert.equal(reply.UserAttributes![0]!.Name, "sub");
      assert.deepEqual(
        Object.fromEntries(reply.UserAttributes!.slice(1).map((attribute) => [attribute.Name, attribute.Value])),
        { email: "ada@example.com", name: "Ada" },
      );
      assert.equal(reply.MFAOptions, undefined);
      assert.equal(reply.PreferredMfaSetting, undefined);
      assert.equal(reply.UserMFASettingList, undefined);
    });

    test("GetUser shows only what the client may read, and sub", async () => {
      const { accessToken } = await signedInUser(
        "bo",
        [
          { Name: "email", Value: "bo@example.com" },
          { Name: "name", Value: "Bo" },
        ],
        { client: { ReadAttributes: ["name"] } },
      );
      assert.deepEqual(Object.keys(await ownAttributes(accessToken)).sort(), ["name", "sub"]);
    });

    test("a changed email becomes unverified and, auto-verified, is sent a code that VerifyUserAttribute accepts", async () => {
      const { poolId, accessToken } = await signedInUser(
        "cy",
        [
          { Name: "email", Value: "cy@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
        { pool: { AutoVerifiedAttributes: ["email"] } },
      );
      const reply = await update(accessToken, [
        { Name: "email", Value: "new.cy@example.net" },
        { Name: "name", Value: "Cy" },
      ]);
      assert.deepEqual(reply.CodeDeliveryDetailsList, [{ Destination: "n***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" }]);
      const attributes = await ownAttributes(accessToken);
      assert.equal(attributes.email, "new.cy@example.net");
      assert.equal(attributes.email_verified, "false");
      assert.equal(attributes.name, "Cy");

      const message = await latestCode(cognate, poolId, "cy", "verify-attribute");
      assert.equal(message.destination, "new.cy@example.net");
      await cognito.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: "email", Code: message.code }));
      assert.equal((await ownAttributes(accessToken)).email_verified, "true");
    });

    test("without auto-verification a changed email is unverified and no code is sent", async () => {
      const { poolId, accessToken } = await signedInUser("dee", [
        { Name: "email", Value: "dee@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      const reply = await update(accessToken, [{ Name: "email", Value: "dee@example.net" }]);
      assert.equal(reply.CodeDeliveryDetailsList, undefined);
      assert.equal((await ownAttributes(accessToken)).email_verified, "false");
      assert.deepEqual(await outboxOf(cognate, poolId, "dee"), []);
    });

    test("an email another user signs in with is refused, and nothing changes", async () => {
      const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "eve@example.com");
      await fixture.confirmedUser(poolId, "fay@example.com");
      const accessToken = await accessTokenOf(clientId, "fay@example.com");
      await rejectsWith(
        update(accessToken, [{ Name: "email", Value: "eve@example.com" }]),
        AliasExistsException,
        "An account with the given email already exists.",
      );
      assert.equal((await ownAttributes(accessToken)).email, "fay@example.com");
    });

    test("attributes the client may not write, and the verification flags, are refused", async () => {
      const listed = await signedInUser("gus", [{ Name: "email", Value: "gus@example.com" }], { client: { WriteAttributes: ["name"] } });
      await update(listed.accessToken, [{ Name: "name", Value: "Gus" }]);
      await rejectsWith(
        update(listed.accessToken, [{ Name: "email", Value: "gus@example.net" }]),
        NotAuthorizedException,
        "A client attempted to write unauthorized attribute",
      );
      const plain = await signedInUser("hal", [{ Name: "email", Value: "hal@example.com" }]);
      await rejectsWith(
        update(plain.accessToken, [{ Name: "email_verified", Value: "true" }]),
        NotAuthorizedException,
        "A client attempted to write unauthorized attribute",
      );
      assert.equal((await ownAttributes(plain.accessToken)).email_verified, undefined);
    });

    test("schema rules apply: unknown and immutable attributes are refused with the update wording", async () => {
      const { accessToken } = await signedInUser("ivy", [{ Name: "custom:team", Value: "blue" }], {
        pool: { Schema: [{ Name: "team", AttributeDataType: "String", Mutable: false }] },
      });
      await rejectsWith(
        update(accessToken, [{ Name: "custom:nope", Value: "x" }]),
        InvalidParameterException,
        "user.custom:nope: Attribute does not exist in the schema.\n",
      );
      await rejectsWith(
        update(accessToken, [{ Name: "custom:team", Value: "red" }]),
        InvalidParameterException,
        "Invalid user attributes: user.custom:team: Attribute cannot be updated. (changing an immutable attribute)",
      );
    });

    test("a blank value, or DeleteUserAttributes, removes attributes (an email with its flag); required ones stay", async () => {
      const { accessToken } = await signedInUser(
        "jo",
        [
          { Name: "name", Value: "Jo" },
          { Name: "email", Value: "jo@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "nickname", Value: "jj" },
        ],
        { pool: { Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }] } },
      );
      await update(accessToken, [{ Name: "nickname", Value: "" }]);
      assert.equal((await ownAttributes(accessToken)).nickname, undefined);

      await cognito.send(new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ["email"] }));
      const attributes = await ownAttributes(accessToken);
      assert.equal(attributes.email, undefined);
      assert.equal(attributes.email_verified, undefined);

      await rejectsWith(
        cognito.send(new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ["name"] })),
        InvalidParameterException,
        "Invalid user attributes: name: Required attribute cannot be deleted.",
      );
      await rejectsWith(
        update(accessToken, [{ Name: "name", Value: "" }]),
        InvalidParameterException,
        "Invalid user attributes: name: Required attribute cannot be deleted.",
      );
      assert.equal((await ownAttributes(accessToken)).name, "Jo");
    });

    test("DeleteUserAttributes needs the client's write permission too", async () => {
      const { accessToken } = await signedInUser("kit", [{ Name: "email", Value: "kit@example.com" }], {
        client: { WriteAttributes: ["name"] },
      });
      await rejectsWith(
        cognito.send(new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ["email"] })),
        NotAuthorizedException,
        "A client attempted to write unauthorized attribute",
      );
      assert.equal((await ownAttributes(accessToken)).email, "kit@example.com");
    });

    test("DeleteUser removes the signed-in user; their token then names nobody and the name is free again", async () => {
      const { poolId, clientId, accessToken } = await signedInUser("lu", [{ Name: "email", Value: "lu@example.com" }]);
      await cognito.send(new DeleteUserCommand({ AccessToken: accessToken }));
      await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "lu" })), UserNotFoundException, "User does not exist.");
      await rejectsWith(cognito.send(new GetUserCommand({ AccessToken: accessToken })), UserNotFoundException, "User does not exist.");

      await fixture.confirmedUser(poolId, "lu");
      await rejectsWith(cognito.send(new GetUserCommand({ AccessToken: accessToken })), UserNotFoundException, "User does not exist.");
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken: await accessTokenOf(clientId, "lu") }))).Username, "lu");
    });
  });
}
