import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AliasExistsException,
  CreateUserPoolCommand,
  InvalidParameterException,
  InvalidPasswordException,
  NotAuthorizedException,
  ResourceNotFoundException,
  UnsupportedUserStateException,
  UserNotFoundException,
  UsernameExistsException,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import type { UserStatusType } from "@aws-sdk/client-cognito-identity-provider";
import { checkPasswordPolicy } from "../../src/domain/passwords/policy.js";
import { ADMIN_POLICY_PREFIX } from "../../src/errors/catalogue.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";


function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

interface OutboxEntry {
  username: string;
  channel: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  kind: string;
}

for (const backend of backends) {
  describe(`users through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(settings: Partial<CreateUserPoolRequest> = {}): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "users", ...settings }));
      return UserPool!.Id!;
    }

    async function outbox(poolId: string, username?: string): Promise<OutboxEntry[]> {
      const query = new URLSearchParams({ poolId, ...(username === undefined ? {} : { username }) });
      const response = await fetch(`${cognate.url}/_cognate/outbox?${query}`);
      assert.equal(response.status, 200);
      return ((await response.json()) as { messages: OutboxEntry[] }).messages;
    }

    /** Puts a user in a status no implemented operation reaches yet (sign-up, a permanent password). */
    async function setStatus(poolId: string, username: string, status: UserStatusType): Promise<void> {
      const store = cognate.app.deps.store;
      const user = await store.users.getByUsernameKey(poolId, username);
      assert.ok(user !== undefined);
      assert.ok(await store.users.update({ ...user, status }));
    }

    describe("AdminCreateUser", () => {
      test("creates a FORCE_CHANGE_PASSWORD user with a sub, the attributes given and the dates", async () => {
        const poolId = await createPool();
        const { User } = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "alice",
            UserAttributes: [
              { Name: "email", Value: "alice@example.com" },
              { Name: "given_name", Value: "Alice" },
            ],
            MessageAction: "SUPPRESS",
          }),
        );
        assert.equal(User!.Username, "alice");
        assert.equal(User!.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.equal(User!.Enabled, true);
        assert.equal(User!.Attributes![0]!.Name, "sub");
        assert.match(attribute(User!.Attributes, "sub")!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.equal(attribute(User!.Attributes, "email"), "alice@example.com");
        assert.equal(attribute(User!.Attributes, "given_name"), "Alice");
        assert.equal(attribute(User!.Attributes, "email_verified"), undefined);
        assert.ok(Math.abs(User!.UserCreateDate!.getTime() - Date.now()) < 60_000);
        assert.equal(User!.UserLastModifiedDate!.getTime(), User!.UserCreateDate!.getTime());
        assert.equal(User!.MFAOptions, undefined);
      });

      test("an existing username is UsernameExistsException", async () => {
        const poolId = await createPool();
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bob", MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "bob", MessageAction: "SUPPRESS" })),
          UsernameExistsException,
          "User account already exists",
        );
      });

      test("usernames differing in case are one user in a case-insensitive pool and two in a case-sensitive one", async () => {
        const insensitive = await createPool({ UsernameConfiguration: { CaseSensitive: false } });
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: insensitive, Username: "Carol", MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: insensitive, Username: "carol", MessageAction: "SUPPRESS" })),
          UsernameExistsException,
          "User account already exists",
        );
        const found = await cognito.send(new AdminGetUserCommand({ UserPoolId: insensitive, Username: "CAROL" }));
        assert.equal(found.Username, "Carol", "responses name the user as created");

        const sensitive = await createPool();
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: sensitive, Username: "Carol", MessageAction: "SUPPRESS" }));
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: sensitive, Username: "carol", MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminGetUserCommand({ UserPoolId: sensitive, Username: "CAROL" })),
          UserNotFoundException,
          "User does not exist.",
        );
      });

      test("an attribute outside the schema, a written sub and malformed values are refused", async () => {
        const poolId = await createPool({ Schema: [{ Name: "team", AttributeDataType: "String", StringAttributeConstraints: { MaxLength: "5" } }] });
        const create = (UserAttributes: AttributeType[]) =>
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "dave", UserAttributes, MessageAction: "SUPPRESS" }));
        await rejectsWith(
          create([{ Name: "custom:nope", Value: "x" }]),
          InvalidParameterException,
          "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n",
        );
        await rejectsWith(
          create([{ Name: "__proto__", Value: "x" }]),
          InvalidParameterException,
          "Attributes did not conform to the schema: __proto__: Attribute does not exist in the schema.\n",
        );
        await rejectsWith(
          create([{ Name: "sub", Value: "mine" }]),
          InvalidParameterException,
          "Invalid user attributes: user.sub: Attribute cannot be updated. (changing an immutable attribute)",
        );
        await rejectsWith(create([{ Name: "email", Value: "not-an-email" }]), InvalidParameterException, "Invalid email address format.");
        await rejectsWith(create([{ Name: "phone_number", Value: "5551234" }]), InvalidParameterException, "Invalid phone number format.");
        await rejectsWith(
          create([{ Name: "custom:team", Value: "too long" }]),
          InvalidParameterException,
          "Attributes did not conform to the schema: custom:team: String must be no longer than 5 characters",
        );
        await rejectsWith(
          create([{ Name: "email_verified", Value: "true" }]),
          InvalidParameterException,
          "Email is required to verify/un-verify an email",
        );
        await rejectsWith(
          create([{ Name: "email", Value: "dave@example.com" }, { Name: "email_verified", Value: "yes" }]),
          InvalidParameterException,
          "Attributes did not conform to the schema: email_verified: Boolean value must be true or false",
        );
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "dave" })), UserNotFoundException, "User does not exist.");
      });

      test("a temporary password outside the policy is InvalidPasswordException and creates nobody", async () => {
        const poolId = await createPool();
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "erin", TemporaryPassword: "Ab1!", MessageAction: "SUPPRESS" })),
          InvalidPasswordException,
          "Password did not conform with policy: Password not long enough",
        );
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "erin", TemporaryPassword: "abcdefgh1!", MessageAction: "SUPPRESS" })),
          InvalidPasswordException,
          "Password did not conform with policy: Password must have uppercase characters",
        );
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "erin" })), UserNotFoundException, "User does not exist.");
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: "us-east-1_nothere00", Username: "x" })),
          ResourceNotFoundException,
          "User pool us-east-1_nothere00 does not exist.",
        );
      });

      test("the invitation names the username and a temporary password that satisfies the policy", async () => {
        // Every class required: a policy's members left out require nothing (docs/behaviour.md).
        const policy = { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true };
        const poolId = await createPool({ Policies: { PasswordPolicy: policy } });
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "frank", UserAttributes: [{ Name: "email", Value: "frank@example.com" }] }),
        );
        const [message, ...others] = await outbox(poolId, "frank");
        assert.equal(others.length, 0);
        assert.equal(message!.kind, "invitation");
        assert.equal(message!.channel, "EMAIL");
        assert.equal(message!.destination, "frank@example.com");
        assert.equal(message!.subject, "Your temporary password");
        const password = message!.code!;
        assert.equal(message!.body, `Your username is frank and temporary password is ${password}.`);
        assert.ok(password.length >= 12);
        checkPasswordPolicy(policy, password, ADMIN_POLICY_PREFIX);
      });

      test("a given temporary password is the one sent, by SMS when asked for", async () => {
        const poolId = await createPool();
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "grace",
            TemporaryPassword: "Temp$Pass1",
            UserAttributes: [
              { Name: "email", Value: "grace@example.com" },
              { Name: "phone_number", Value: "+15555550100" },
            ],
            DesiredDeliveryMediums: ["SMS", "EMAIL"],
          }),
        );
        const messages = await outbox(poolId, "grace");
        assert.deepEqual(
          messages.map((m) => [m.channel, m.destination, m.subject, m.body]),
          [
            ["SMS", "+15555550100", null, "Your username is grace and temporary password is Temp$Pass1."],
            ["EMAIL", "grace@example.com", "Your temporary password", "Your username is grace and temporary password is Temp$Pass1."],
          ],
        );
      });

      test("the pool's invitation template is used, and one without {####} sends nothing", async () => {
        const templated = await createPool({
          AdminCreateUserConfig: {
            InviteMessageTemplate: { EmailSubject: "Welcome", EmailMessage: "Hi {username}, use {####} to sign in", SMSMessage: "{username}/{####}" },
          },
        });
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: templated, Username: "heidi", TemporaryPassword: "Temp$&Pass1", UserAttributes: [{ Name: "email", Value: "heidi@example.com" }] }),
        );
        const [message] = await outbox(templated, "heidi");
        assert.equal(message!.subject, "Welcome");
        assert.equal(message!.body, "Hi heidi, use Temp$&Pass1 to sign in", "the password is inserted literally");

        const broken = await createPool({ AdminCreateUserConfig: { InviteMessageTemplate: { EmailMessage: "Welcome {username}" } } });
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: broken, Username: "ivan", UserAttributes: [{ Name: "email", Value: "ivan@example.com" }] }),
        );
        assert.deepEqual(await outbox(broken, "ivan"), []);
      });

      test("SUPPRESS sends nothing; a user without email or phone is created without a message", async () => {
        const poolId = await createPool();
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "judy", UserAttributes: [{ Name: "email", Value: "judy@example.com" }], MessageAction: "SUPPRESS" }),
        );
        const { User } = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "mallory" }));
        assert.equal(User!.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.deepEqual(await outbox(poolId), []);
      });

      test("asking for a medium whose attribute the user lacks is InvalidParameterException", async () => {
        const poolId = await createPool();
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "niaj", DesiredDeliveryMediums: ["EMAIL"] })),
          InvalidParameterException,
          "No email provided but desired delivery medium was Email",
        );
        await rejectsWith(
          cognito.send(
            new AdminCreateUserCommand({
              UserPoolId: poolId,
              Username: "niaj",
              UserAttributes: [{ Name: "email", Value: "niaj@example.com" }],
              DesiredDeliveryMediums: ["SMS"],
            }),
          ),
          InvalidParameterException,
          "No phone_number provided but desired delivery medium was SMS",
        );
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "niaj" })), UserNotFoundException, "User does not exist.");
      });

      test("RESEND gives a FORCE_CHANGE_PASSWORD user a new temporary password and invitation", async () => {
        const poolId = await createPool();
        const attributes = [{ Name: "email", Value: "olivia@example.com" }];
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "olivia", UserAttributes: attributes }));
        const { User } = await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "olivia", MessageAction: "RESEND", DesiredDeliveryMediums: ["EMAIL"] }),
        );
        assert.equal(User!.Username, "olivia");
        assert.equal(User!.UserStatus, "FORCE_CHANGE_PASSWORD");
        const [first, second] = await outbox(poolId, "olivia");
        assert.equal(second!.kind, "invitation");
        assert.notEqual(second!.code, first!.code);
      });

      test("RESEND for an unknown user is UserNotFoundException, for a confirmed one UnsupportedUserStateException", async () => {
        const poolId = await createPool();
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "peggy", MessageAction: "RESEND" })),
          UserNotFoundException,
          "User does not exist.",
        );
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "peggy", MessageAction: "SUPPRESS" }));
        await setStatus(poolId, "peggy", "CONFIRMED");
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "peggy", MessageAction: "RESEND" })),
          UnsupportedUserStateException,
          "Resend not possible. peggy status is not FORCE_CHANGE_PASSWORD",
        );
      });
    });

    describe("pools whose users sign up with email or phone", () => {
      test("the internal username is the sub; the user is found by email, phone and sub", async () => {
        const poolId = await createPool({ UsernameAttributes: ["email", "phone_number"] });
        const { User } = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "rupert@example.com",
            UserAttributes: [{ Name: "phone_number", Value: "+15555550111" }],
            MessageAction: "SUPPRESS",
          }),
        );
        const sub = attribute(User!.Attributes, "sub")!;
        assert.equal(User!.Username, sub);
        assert.equal(attribute(User!.Attributes, "email"), "rupert@example.com");
        for (const name of ["rupert@example.com", "+15555550111", sub]) {
          const found = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: name }));
          assert.equal(found.Username, sub);
        }
      });

      test("a username that is not an email or phone number is refused in the pool's words", async () => {
        const both = await createPool({ UsernameAttributes: ["email", "phone_number"] });
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: both, Username: "sybil" })),
          InvalidParameterException,
          "Username should be either an email or a phone number.",
        );
        const emailOnly = await createPool({ UsernameAttributes: ["email"] });
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: emailOnly, Username: "+15555550112" })),
          InvalidParameterException,
          "Username should be an email.",
        );
        const phoneOnly = await createPool({ UsernameAttributes: ["phone_number"] });
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: phoneOnly, Username: "sybil@example.com" })),
          InvalidParameterException,
          "Username should be a phone number.",
        );
      });

      test("an email another user signed up with is UsernameExistsException, even unverified", async () => {
        const poolId = await createPool({ UsernameAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false } });
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "trent@example.com", MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "Trent@Example.com", MessageAction: "SUPPRESS" })),
          UsernameExistsException,
          "An account with the given email already exists.",
        );
      });
    });

    describe("alias pools", () => {
      test("a username shaped like a configured alias is refused", async () => {
        const poolId = await createPool({ AliasAttributes: ["email", "phone_number"] });
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "victor@example.com" })),
          InvalidParameterException,
          "Username cannot be of email format, since user pool is configured for email alias.",
        );
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "+15555550113" })),
          InvalidParameterException,
          "Username cannot be of phone number format, since user pool is configured for phone number alias.",
        );
      });

      test("only a verified email is an alias; preferred_username always is", async () => {
        const poolId = await createPool({ AliasAttributes: ["email", "preferred_username"] });
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "walter",
            UserAttributes: [
              { Name: "email", Value: "walter@example.com" },
              { Name: "preferred_username", Value: "walt" },
            ],
            MessageAction: "SUPPRESS",
          }),
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "walt" }))).Username, "walter");
        await rejectsWith(
          cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "walter@example.com" })),
          UserNotFoundException,
          "User does not exist.",
        );
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: "wendy",
            UserAttributes: [
              { Name: "email", Value: "wendy@example.com" },
              { Name: "email_verified", Value: "true" },
            ],
            MessageAction: "SUPPRESS",
          }),
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "wendy@example.com" }))).Username, "wendy");
      });

      test("a verified email another user holds is AliasExistsException unless ForceAliasCreation moves it", async () => {
        const poolId = await createPool({ AliasAttributes: ["email"] });
        const verified = [
          { Name: "email", Value: "shared@example.com" },
          { Name: "email_verified", Value: "true" },
        ];
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "first", UserAttributes: verified, MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "second", UserAttributes: verified, MessageAction: "SUPPRESS" })),
          AliasExistsException,
          "An account with the given email already exists.",
        );
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "second", UserAttributes: verified, ForceAliasCreation: true, MessageAction: "SUPPRESS" }),
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "shared@example.com" }))).Username, "second");
        const previous = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "first" }));
        assert.equal(attribute(previous.UserAttributes, "email"), "shared@example.com");
        assert.equal(attribute(previous.UserAttributes, "email_verified"), "false");
      });

      test("a preferred_username another user holds is AliasExistsException, forced or not", async () => {
        const poolId = await createPool({ AliasAttributes: ["preferred_username"] });
        const nick = [{ Name: "preferred_username", Value: "nick" }];
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "one", UserAttributes: nick, MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "two", UserAttributes: nick, ForceAliasCreation: true, MessageAction: "SUPPRESS" })),
          AliasExistsException,
          "An account with the given preferred_username already exists.",
        );
      });
    });

    describe("AdminGetUser and AdminDeleteUser", () => {
      test("AdminGetUser returns the user's attributes, status and dates", async () => {
        const poolId = await createPool();
        const { User } = await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: "xavier", UserAttributes: [{ Name: "name", Value: "X" }], MessageAction: "SUPPRESS" }),
        );
        const got = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "xavier" }));
        assert.equal(got.Username, "xavier");
        assert.deepEqual(got.UserAttributes, User!.Attributes);
        assert.equal(got.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.equal(got.Enabled, true);
        assert.equal(got.UserCreateDate!.getTime(), User!.UserCreateDate!.getTime());
        assert.equal(got.MFAOptions, undefined);
        assert.equal(got.PreferredMfaSetting, undefined);
        assert.equal(got.UserMFASettingList, undefined);
      });

      test("unknown users and pools are UserNotFoundException and ResourceNotFoundException", async () => {
        const poolId = await createPool();
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "nobody" })), UserNotFoundException, "User does not exist.");
        await rejectsWith(
          cognito.send(new AdminGetUserCommand({ UserPoolId: "us-east-1_nothere00", Username: "nobody" })),
          ResourceNotFoundException,
          "User pool us-east-1_nothere00 does not exist.",
        );
      });

      test("AdminDeleteUser removes the user (found by alias too); deleting again is UserNotFoundException", async () => {
        const poolId = await createPool({ UsernameAttributes: ["email"] });
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "yves@example.com", MessageAction: "SUPPRESS" }));
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "yves@example.com" }));
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "yves@example.com" })), UserNotFoundException, "User does not exist.");
        await rejectsWith(cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "yves@example.com" })), UserNotFoundException, "User does not exist.");
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "yves@example.com", MessageAction: "SUPPRESS" }));
      });
    });

    describe("AdminDisableUser, AdminEnableUser, AdminConfirmSignUp", () => {
      test("disabling and enabling flip Enabled and nothing else", async () => {
        const poolId = await createPool();
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "zoe", MessageAction: "SUPPRESS" }));
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "zoe" }));
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "zoe" }));
        const disabled = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "zoe" }));
        assert.equal(disabled.Enabled, false);
        assert.equal(disabled.UserStatus, "FORCE_CHANGE_PASSWORD");
        await cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "zoe" }));
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "zoe" }))).Enabled, true);
        await rejectsWith(cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "nobody" })), UserNotFoundException, "User does not exist.");
        await rejectsWith(cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "nobody" })), UserNotFoundException, "User does not exist.");
      });

      test("AdminConfirmSignUp confirms an UNCONFIRMED user and refuses any other status, naming it", async () => {
        const poolId = await createPool();
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "amy", MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "amy" })),
          NotAuthorizedException,
          "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD",
        );
        await setStatus(poolId, "amy", "UNCONFIRMED");
        await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "amy" }));
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "amy" }))).UserStatus, "CONFIRMED");
        await rejectsWith(
          cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "amy" })),
          NotAuthorizedException,
          "User cannot be confirmed. Current status is CONFIRMED",
        );
        await rejectsWith(cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: "nobody" })), UserNotFoundException, "User does not exist.");
      });
    });

    describe("AdminResetUserPassword", () => {
      async function confirmedUser(poolId: string, username: string, attributes: AttributeType[]): Promise<void> {
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, UserAttributes: attributes, MessageAction: "SUPPRESS" }));
        await setStatus(poolId, username, "CONFIRMED");
      }

      test("a confirmed user becomes RESET_REQUIRED and is sent a six-digit code to the verified email", async () => {
        const poolId = await createPool();
        await confirmedUser(poolId, "ben", [
          { Name: "email", Value: "ben@example.com" },
          { Name: "email_verified", Value: "true" },
        ]);
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "ben" }));
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ben" }))).UserStatus, "RESET_REQUIRED");
        const [message] = await outbox(poolId, "ben");
        assert.equal(message!.kind, "reset");
        assert.equal(message!.channel, "EMAIL");
        assert.equal(message!.destination, "ben@example.com");
        assert.match(message!.code!, /^[0-9]{6}$/);
        assert.equal(message!.body, `Your verification code is ${message!.code}.`);
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "ben" }));
        assert.equal((await outbox(poolId, "ben")).length, 2, "RESET_REQUIRED may be reset again");
      });

      test("without a configured recovery order a verified phone is preferred to a verified email", async () => {
        const poolId = await createPool();
        await confirmedUser(poolId, "cat", [
          { Name: "email", Value: "cat@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "phone_number", Value: "+15555550114" },
          { Name: "phone_number_verified", Value: "true" },
        ]);
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "cat" }));
        const [message] = await outbox(poolId, "cat");
        assert.deepEqual([message!.channel, message!.destination, message!.subject], ["SMS", "+15555550114", null]);

        const emailFirst = await createPool({
          AccountRecoverySetting: {
            RecoveryMechanisms: [
              { Name: "verified_phone_number", Priority: 2 },
              { Name: "verified_email", Priority: 1 },
            ],
          },
        });
        await confirmedUser(emailFirst, "cat", [
          { Name: "email", Value: "cat@example.com" },
          { Name: "email_verified", Value: "true" },
          { Name: "phone_number", Value: "+15555550114" },
          { Name: "phone_number_verified", Value: "true" },
        ]);
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: emailFirst, Username: "cat" }));
        assert.equal((await outbox(emailFirst, "cat"))[0]!.channel, "EMAIL");
      });

      test("a user without a verified email or phone cannot be reset", async () => {
        const poolId = await createPool();
        await confirmedUser(poolId, "dan", [{ Name: "email", Value: "dan@example.com" }]);
        await rejectsWith(
          cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "dan" })),
          InvalidParameterException,
          "Cannot reset password for the user as there is no registered/verified email or phone_number",
        );
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "dan" }))).UserStatus, "CONFIRMED");
      });

      test("users in other states, disabled users and unknown users are refused", async () => {
        const poolId = await createPool();
        const verified = [
          { Name: "email", Value: "eve@example.com" },
          { Name: "email_verified", Value: "true" },
        ];
        await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "eve", UserAttributes: verified, MessageAction: "SUPPRESS" }));
        await rejectsWith(
          cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "eve" })),
          NotAuthorizedException,
          "User password cannot be reset in the current state.",
        );
        await setStatus(poolId, "eve", "CONFIRMED");
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "eve" }));
        await rejectsWith(
          cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "eve" })),
          NotAuthorizedException,
          "User is disabled.",
        );
        await rejectsWith(cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "nobody" })), UserNotFoundException, "User does not exist.");
        assert.deepEqual(await outbox(poolId, "eve"), []);
      });
    });
  });
}
