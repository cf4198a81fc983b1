import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AliasExistsException,
  CreateUserPoolCommand,
  InvalidParameterException,
  UserNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";


function asMap(attributes: AttributeType[] | undefined): Record<string, string> {
  return Object.fromEntries((attributes ?? []).map((a) => [a.Name!, a.Value!]));
}

for (const backend of backends) {
  describe(`user attributes through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function poolWithUser(
      username: string,
      attributes: AttributeType[],
      settings: Partial<CreateUserPoolRequest> = {},
    ): Promise<string> {
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "attributes",
          Schema: [
            { Name: "team", AttributeDataType: "String", Mutable: true },
            { Name: "badge", AttributeDataType: "String", Mutable: false },
            { Name: "level", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "1", MaxValue: "10" } },
            { Name: "given_name", AttributeDataType: "String", Required: true },
          ],
          ...settings,
        }),
      );
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: UserPool!.Id,
          Username: username,
          UserAttributes: [{ Name: "given_name", Value: "Given" }, ...attributes],
          MessageAction: "SUPPRESS",
        }),
      );
      return UserPool!.Id!;
    }

    async function attributesOf(poolId: string, username: string): Promise<Record<string, string>> {
      return asMap((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserAttributes);
    }

    async function outbox(poolId: string): Promise<{ kind: string; destination: string; code: string | null }[]> {
      const response = await fetch(`${cognate.url}/_cognate/outbox?poolId=${poolId}`);
      return ((await response.json()) as { messages: { kind: string; destination: string; code: string | null }[] }).messages;
    }

    describe("AdminUpdateUserAttributes", () => {
      test("sets and replaces attributes and moves the last-modified date; a blank value deletes", async () => {
        const poolId = await poolWithUser("ann", [{ Name: "custom:team", Value: "red" }, { Name: "name", Value: "Ann" }]);
        const before = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ann" }));
        await cognito.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: "ann",
            UserAttributes: [
              { Name: "custom:team", Value: "blue" },
              { Name: "custom:level", Value: "3" },
              { Name: "name", Value: "" },
            ],
          }),
        );
        const after = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ann" }));
        const attributes = asMap(after.UserAttributes);
        assert.equal(attributes["custom:team"], "blue");
        assert.equal(attributes["custom:level"], "3");
        assert.equal(attributes.name, undefined);
        assert.equal(attributes.sub, asMap(before.UserAttributes).sub);
        assert.ok(after.UserLastModifiedDate!.getTime() >= before.UserLastModifiedDate!.getTime());
      });

      test("a new email is unverified unless the request verifies it; an unchanged one keeps its flag", async () => {
        const poolId = await poolWithUser("bea", [
          { Name: "email", Value: "bea@example.com" },
          { Name: "email_verified", Value: "true" },
        ]);
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "bea", UserAttributes: [{ Name: "email", Value: "bea@example.com" }] }),
        );
        assert.equal((await attributesOf(poolId, "bea")).email_verified, "true");
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "bea", UserAttributes: [{ Name: "email", Value: "bea@example.org" }] }),
        );
        assert.equal((await attributesOf(poolId, "bea")).email_verified, "false");
        await cognito.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: "bea",
            UserAttributes: [
              { Name: "email", Value: "bea@example.net" },
              { Name: "email_verified", Value: "true" },
            ],
          }),
        );
        const attributes = await attributesOf(poolId, "bea");
        assert.deepEqual([attributes.email, attributes.email_verified], ["bea@example.net", "true"]);
      });

      test("in a pool that auto-verifies email, a new unverified email is sent a code", async () => {
        const poolId = await poolWithUser("cy", [{ Name: "email", Value: "cy@example.com" }], { AutoVerifiedAttributes: ["email"] });
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "cy", UserAttributes: [{ Name: "email", Value: "cy@example.org" }] }),
        );
        const [message] = await outbox(poolId);
        assert.equal(message!.kind, "verify-attribute");
        assert.equal(message!.destination, "cy@example.org");
        assert.match(message!.code!, /^[0-9]{6}$/);
        await cognito.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: poolId,
            Username: "cy",
            UserAttributes: [
              { Name: "email", Value: "cy@example.net" },
              { Name: "email_verified", Value: "true" },
            ],
          }),
        );
        assert.equal((await outbox(poolId)).length, 1, "a verified email needs no code");
      });

      test("unknown, immutable and required attributes are refused and nothing changes", async () => {
        const poolId = await poolWithUser("dee", [{ Name: "custom:badge", Value: "b1" }]);
        const update = (UserAttributes: AttributeType[]) =>
          cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "dee", UserAttributes }));
        await rejectsWith(
          update([{ Name: "custom:team", Value: "red" }, { Name: "custom:nope", Value: "x" }]),
          InvalidParameterException,
          "user.custom:nope: Attribute does not exist in the schema.\n",
        );
        await rejectsWith(
          update([{ Name: "custom:badge", Value: "b2" }]),
          InvalidParameterException,
          "Invalid user attributes: user.custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          update([{ Name: "sub", Value: "mine" }]),
          InvalidParameterException,
          "Invalid user attributes: user.sub: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(
          update([{ Name: "given_name", Value: "" }]),
          InvalidParameterException,
          "Invalid user attributes: given_name: Required attribute cannot be deleted.",
        );
        await rejectsWith(
          update([{ Name: "custom:level", Value: "11" }]),
          InvalidParameterException,
          "Invalid user attributes: user.custom:level: Number must be no greater than 10",
        );
        await rejectsWith(update([{ Name: "phone_number", Value: "+1 555" }]), InvalidParameterException, "Invalid phone number format.");
        await rejectsWith(
          update([{ Name: "phone_number_verified", Value: "true" }]),
          InvalidParameterException,
          "Phone Number is required to verify/un-verify a phone number",
        );
        const attributes = await attributesOf(poolId, "dee");
        assert.equal(attributes["custom:team"], undefined);
        assert.equal(attributes["custom:badge"], "b1");
      });

      test("an alias another user holds is AliasExistsException", async () => {
        const poolId = await poolWithUser(
          "eli",
          [
            { Name: "email", Value: "taken@example.com" },
            { Name: "email_verified", Value: "true" },
          ],
          { AliasAttributes: ["email"] },
        );
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "fay",
            UserAttributes: [{ Name: "given_name", Value: "Fay" }],
            MessageAction: "SUPPRESS",
          }),
        );
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "fay", UserAttributes: [{ Name: "email", Value: "taken@example.com" }] }),
        );
        await rejectsWith(
          cognito.send(
            new AdminUpdateUserAttributesCommand({
              UserPoolId: poolId,
              Username: "fay",
              UserAttributes: [{ Name: "email_verified", Value: "true" }],
            }),
          ),
          AliasExistsException,
          "An account with the given email already exists.",
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "taken@example.com" }))).Username, "eli");
      });

      test("in an email-username pool, changing the email moves the sign-in name", async () => {
        const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "by-email", UsernameAttributes: ["email"] }));
        const poolId = UserPool!.Id!;
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "gus@example.com", MessageAction: "SUPPRESS" }));
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "hal@example.com", MessageAction: "SUPPRESS" }));
        await cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "gus@example.com", UserAttributes: [{ Name: "email", Value: "gus@example.org" }] }),
        );
        await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "gus@example.org" }));
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "gus@example.com" })), UserNotFoundException, "User does not exist.");
        await rejectsWith(
          cognito.send(
            new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "gus@example.org", UserAttributes: [{ Name: "email", Value: "hal@example.com" }] }),
          ),
          AliasExistsException,
          "An account with the given email already exists.",
        );
      });

      test("an unknown user is UserNotFoundException", async () => {
        const poolId = await poolWithUser("ivy", []);
        await rejectsWith(
          cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: "nobody", UserAttributes: [{ Name: "name", Value: "N" }] })),
          UserNotFoundException,
          "User does not exist.",
        );
      });
    });

    describe("AdminDeleteUserAttributes", () => {
      test("removes the named attributes; an email goes with its verification flag", async () => {
        const poolId = await poolWithUser("jo", [
          { Name: "email", Value: "jo@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "custom:team", Value: "red" },
        ]);
        await cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: "jo", UserAttributeNames: ["email", "custom:team"] }));
        const attributes = await attributesOf(poolId, "jo");
        assert.deepEqual(Object.keys(attributes).sort(), ["given_name", "sub"]);
      });

      test("required, immutable and unknown attributes cannot be deleted", async () => {
        const poolId = await poolWithUser("kim", [{ Name: "custom:badge", Value: "b1" }]);
        const remove = (UserAttributeNames: string[]) =>
          cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: "kim", UserAttributeNames }));
        await rejectsWith(remove(["given_name"]), InvalidParameterException, "Invalid user attributes: given_name: Required attribute cannot be deleted.");
        await rejectsWith(
          remove(["custom:badge"]),
          InvalidParameterException,
          "Invalid user attributes: user.custom:badge: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(remove(["custom:nope"]), InvalidParameterException, "user.custom:nope: Attribute does not exist in the schema.\n");
        await rejectsWith(
          cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: "nobody", UserAttributeNames: ["name"] })),
          UserNotFoundException,
          "User does not exist.",
        );
        assert.equal((await attributesOf(poolId, "kim"))["custom:badge"], "b1");
      });
    });
  });
}
