import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AliasExistsException,
  CodeMismatchException,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  ResourceNotFoundException,
  SignUpCommand,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type SignUpCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode, outboxOf, wrongCode } from "../helpers/codes.js";
import { PASSWORD, SignInFixture, claimsOf, secretHash } from "../helpers/signIn.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = 24 * 60 * 60;

for (const backend of backends) {
  describe(`SignUp, ConfirmSignUp and ResendConfirmationCode (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const signUp = (input: SignUpCommandInput) => cognito.send(new SignUpCommand(input));
    const confirm = (clientId: string, username: string, code: string, extra: { SecretHash?: string; ForceAliasCreation?: boolean } = {}) =>
      cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, ...extra }));
    const resend = (clientId: string, username: string) => cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
    const signIn = (clientId: string, username: string) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
    const userOf = async (poolId: string, username: string) => {
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      return { status: user.UserStatus, attributes: Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value])) };
    };
    /** A pool that verifies emails at sign-up, and a client allowing USER_PASSWORD_AUTH. */
    const emailPool = async (settings: Parameters<SignInFixture["pool"]>[0] = {}, clientSettings: Parameters<SignInFixture["client"]>[1] = {}) => {
      const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"], ...settings });
      const { clientId } = await fixture.client(poolId, clientSettings);
      return { poolId, clientId };
    };
    const email = (address: string): AttributeType[] => [{ Name: "email", Value: address }];
    /** Signs up `username` with an email and returns the code it was sent. */
    const signedUp = async (poolId: string, clientId: string, username: string, address = `${username}@example.com`) => {
      await signUp({ ClientId: clientId, Username: username, Password: PASSWORD, UserAttributes: email(address) });
      return (await latestCode(cognate, poolId, username, "signup")).code;
    };

    describe("the flow", () => {
      test("sign up, confirm with the emailed code, sign in: an UNCONFIRMED user becomes CONFIRMED with a verified email", async () => {
        const { poolId, clientId } = await emailPool();
        const reply = await signUp({ ClientId: clientId, Username: "alice", Password: PASSWORD, UserAttributes: email("alice@example.com") });
        assert.equal(reply.UserConfirmed, false);
        assert.match(reply.UserSub!, UUID);
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "a***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });

        const unconfirmed = await userOf(poolId, "alice");
        assert.equal(unconfirmed.status, "UNCONFIRMED");
        assert.equal(unconfirmed.attributes.sub, reply.UserSub);
        assert.equal(unconfirmed.attributes.email_verified, undefined);
        await rejectsWith(signIn(clientId, "alice"), UserNotConfirmedException, "User is not confirmed.");

        const message = await latestCode(cognate, poolId, "alice", "signup");
        assert.equal(message.channel, "EMAIL");
        assert.equal(message.destination, "alice@example.com");
        assert.equal(message.subject, "Your verification code");
        assert.equal(message.body, `Your verification code is ${message.code}.`);

        const confirmed = await confirm(clientId, "alice", message.code);
        assert.equal(confirmed.Session, undefined);
        const after = await userOf(poolId, "alice");
        assert.equal(after.status, "CONFIRMED");
        assert.equal(after.attributes.email_verified, "true");
        assert.ok((await signIn(clientId, "alice")).AuthenticationResult?.AccessToken !== undefined);
      });

      test("with email and phone both auto-verified, the code goes by SMS to the phone number, which confirmation verifies", async () => {
        const { poolId, clientId } = await emailPool({ AutoVerifiedAttributes: ["email", "phone_number"] });
        const reply = await signUp({
          ClientId: clientId,
          Username: "bob",
          Password: PASSWORD,
          UserAttributes: [...email("bob@example.com"), { Name: "phone_number", Value: "+14155550123" }],
        });
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "+*******0123", DeliveryMedium: "SMS", AttributeName: "phone_number" });
        const message = await latestCode(cognate, poolId, "bob", "signup");
        assert.equal(message.channel, "SMS");
        assert.equal(message.subject, null);
        await confirm(clientId, "bob", message.code);
        const { attributes } = await userOf(poolId, "bob");
        assert.equal(attributes.phone_number_verified, "true");
        assert.equal(attributes.email_verified, undefined);
      });

      test("in a pool that signs users up with their email, the username is a generated UUID and the email the sign-in name", async () => {
        const { poolId, clientId } = await emailPool({ UsernameAttributes: ["email"] });
        const reply = await signUp({ ClientId: clientId, Username: "carol@example.com", Password: PASSWORD });
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "c***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
        const message = await latestCode(cognate, poolId, "carol@example.com", "signup");
        assert.equal(message.username, reply.UserSub);
        await confirm(clientId, "carol@example.com", message.code);
        assert.equal((await userOf(poolId, "carol@example.com")).status, "CONFIRMED");
        assert.ok((await signIn(clientId, "carol@example.com")).AuthenticationResult !== undefined);

        await rejectsWith(
          signUp({ ClientId: clientId, Username: "carol@example.com", Password: PASSWORD }),
          UsernameExistsException,
          "An account with the given email already exists.",
        );
        await rejectsWith(signUp({ ClientId: clientId, Username: "carol", Password: PASSWORD }), InvalidParameterException, "Username should be an email.");
      });

      test("without auto-verified attributes no code is sent: the user waits for an administrator, and resending is refused", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        const reply = await signUp({ ClientId: clientId, Username: "dave", Password: PASSWORD, UserAttributes: email("dave@example.com") });
        assert.equal(reply.UserConfirmed, false);
        assert.equal(reply.CodeDeliveryDetails, undefined);
        assert.deepEqual(await outboxOf(cognate, poolId, "dave"), []);
        await rejectsWith(resend(clientId, "dave"), NotAuthorizedException, "Cannot resend codes. Auto verification not turned on.");
        await rejectsWith(confirm(clientId, "dave", "123456"), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("ResendConfirmationCode sends a new code; the earlier one stops working", async () => {
        const { poolId, clientId } = await emailPool();
        const first = await signedUp(poolId, clientId, "erin");
        const reply = await resend(clientId, "erin");
        assert.deepEqual(reply.CodeDeliveryDetails, { Destination: "e***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" });
        const second = (await latestCode(cognate, poolId, "erin", "resend")).code;
        if (first !== second) {
          await rejectsWith(confirm(clientId, "erin", first), CodeMismatchException, "Invalid verification code provided, please try again.");
        }
        await confirm(clientId, "erin", second);
        assert.equal((await userOf(poolId, "erin")).status, "CONFIRMED");
      });
    });

    describe("SignUp refusals", () => {
      test("a taken username: UsernameExistsException, whatever PreventUserExistenceErrors says", async () => {
        const { poolId, clientId } = await emailPool({}, { PreventUserExistenceErrors: "ENABLED" });
        await signedUp(poolId, clientId, "frank");
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "frank", Password: PASSWORD, UserAttributes: email("other@example.com") }),
          UsernameExistsException,
          "User already exists",
        );
      });

      test("a password against the policy, in SignUp's wording; nothing is created", async () => {
        const { poolId, clientId } = await emailPool();
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "gina", Password: "lowercase-only1", UserAttributes: email("gina@example.com") }),
          InvalidPasswordException,
          "Password did not conform with policy: Password must have uppercase characters",
        );
        assert.deepEqual(await outboxOf(cognate, poolId, "gina"), []);
        await signedUp(poolId, clientId, "gina");
      });

      test("attributes: a required one missing, one outside the schema, one the client may not write", async () => {
        const poolId = await fixture.pool({
          AutoVerifiedAttributes: ["email"],
          Schema: [{ Name: "name", AttributeDataType: "String", Required: true, Mutable: true }],
        });
        const { clientId } = await fixture.client(poolId, { WriteAttributes: ["email", "name"] });
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "hank", Password: PASSWORD, UserAttributes: email("hank@example.com") }),
          InvalidParameterException,
          "Attributes did not conform to the schema: name: The attribute is required",
        );
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "hank", Password: PASSWORD, UserAttributes: [{ Name: "email_verified", Value: "true" }] }),
          NotAuthorizedException,
          "A client attempted to write unauthorized attribute",
        );
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "hank", Password: PASSWORD, UserAttributes: [{ Name: "family_name", Value: "Hill" }] }),
          NotAuthorizedException,
          "A client attempted to write unauthorized attribute",
        );
        const open = await fixture.client(poolId);
        await rejectsWith(
          signUp({ ClientId: open.clientId, Username: "hank", Password: PASSWORD, UserAttributes: [{ Name: "custom:team", Value: "x" }] }),
          InvalidParameterException,
          "Attributes did not conform to the schema: custom:team: Attribute does not exist in the schema.\n",
        );
        await signUp({
          ClientId: clientId,
          Username: "hank",
          Password: PASSWORD,
          UserAttributes: [...email("hank@example.com"), { Name: "name", Value: "Hank" }],
        });
        assert.equal((await userOf(poolId, "hank")).attributes.name, "Hank");
      });

      test("a pool that only administrators may add users to, and an unknown client", async () => {
        const { clientId } = await emailPool({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "ivan", Password: PASSWORD }),
          NotAuthorizedException,
          "SignUp is not permitted for this user pool",
        );
        await rejectsWith(
          signUp({ ClientId: "nosuchclient0000000000000a", Username: "ivan", Password: PASSWORD }),
          ResourceNotFoundException,
          "User pool client nosuchclient0000000000000a does not exist.",
        );
      });
    });

    describe("code checks", () => {
      test("a wrong code is a mismatch; after five wrong codes even the right one is refused until a new one is sent", async () => {
        const { poolId, clientId } = await emailPool();
        const code = await signedUp(poolId, clientId, "jane");
        for (let attempt = 0; attempt < 5; attempt++) {
          await rejectsWith(confirm(clientId, "jane", wrongCode(code)), CodeMismatchException, "Invalid verification code provided, please try again.");
        }
        await rejectsWith(confirm(clientId, "jane", code), LimitExceededException, "Attempt limit exceeded, please try after some time.");
        await resend(clientId, "jane");
        await confirm(clientId, "jane", (await latestCode(cognate, poolId, "jane", "resend")).code);
        assert.equal((await userOf(poolId, "jane")).status, "CONFIRMED");
      });

      test("a sign-up code works for 24 hours", async () => {
        const { poolId, clientId } = await emailPool();
        const early = await signedUp(poolId, clientId, "kate");
        const late = await signedUp(poolId, clientId, "karl");
        await fixture.advanceClock(DAY - 60);
        await confirm(clientId, "kate", early);
        await fixture.advanceClock(61);
        await rejectsWith(confirm(clientId, "karl", late), ExpiredCodeException, "Invalid code provided, please request a code again.");
      });

      test("a confirmed user cannot be confirmed again, and is told so by ResendConfirmationCode", async () => {
        const { poolId, clientId } = await emailPool();
        const code = await signedUp(poolId, clientId, "liam");
        await confirm(clientId, "liam", code);
        await rejectsWith(confirm(clientId, "liam", code), NotAuthorizedException, "User cannot be confirmed. Current status is CONFIRMED");
        await rejectsWith(resend(clientId, "liam"), InvalidParameterException, "User is already confirmed.");
      });
    });

    describe("unknown users and PreventUserExistenceErrors", () => {
      test("LEGACY (the API default) names the missing user", async () => {
        const { clientId } = await emailPool();
        await rejectsWith(confirm(clientId, "nobody", "123456"), UserNotFoundException, "Username/client id combination not found.");
        await rejectsWith(resend(clientId, "nobody"), UserNotFoundException, "Username/client id combination not found.");
      });

      test("ENABLED answers like a wrong code, and resends to a made-up destination that stays the same", async () => {
        const { poolId, clientId } = await emailPool({}, { PreventUserExistenceErrors: "ENABLED" });
        await rejectsWith(confirm(clientId, "nobody", "123456"), CodeMismatchException, "Invalid verification code provided, please try again.");
        const byName = await resend(clientId, "nobody");
        assert.equal(byName.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
        assert.equal(byName.CodeDeliveryDetails?.AttributeName, "email");
        assert.match(byName.CodeDeliveryDetails?.Destination ?? "", /^n\*\*\*@[a-z]\*\*\*$/);
        assert.deepEqual((await resend(clientId, "nobody")).CodeDeliveryDetails, byName.CodeDeliveryDetails);
        assert.deepEqual((await resend(clientId, "nobody@example.org")).CodeDeliveryDetails, {
          Destination: "n***@e***",
          DeliveryMedium: "EMAIL",
          AttributeName: "email",
        });
        assert.deepEqual(await outboxOf(cognate, poolId, "nobody"), []);
      });
    });

    describe("alias pools", () => {
      test("confirming verifies the email, which then becomes the alias; held by another user it needs ForceAliasCreation", async () => {
        const { poolId, clientId } = await emailPool({ AliasAttributes: ["email"] });
        await confirm(clientId, "mona", await signedUp(poolId, clientId, "mona", "shared@example.com"));
        assert.ok((await signIn(clientId, "shared@example.com")).AuthenticationResult !== undefined);

        const code = await signedUp(poolId, clientId, "mike", "shared@example.com");
        await rejectsWith(confirm(clientId, "mike", code), AliasExistsException, "An account with the given email already exists.");
        assert.equal((await userOf(poolId, "mike")).status, "UNCONFIRMED");
        await confirm(clientId, "mike", code, { ForceAliasCreation: true });
        assert.equal((await userOf(poolId, "mike")).attributes.email_verified, "true");
        assert.equal((await userOf(poolId, "mona")).attributes.email_verified, "false");
        const reply = await signIn(clientId, "shared@example.com");
        assert.equal(claimsOf(reply.AuthenticationResult?.IdToken)["cognito:username"], "mike");
      });
    });

    describe("SecretHash", () => {
      test("a client with a secret needs the hash of the username: missing, wrong and right", async () => {
        const poolId = await fixture.pool({ AutoVerifiedAttributes: ["email"] });
        const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
        const input = { ClientId: clientId, Username: "nina", Password: PASSWORD, UserAttributes: email("nina@example.com") };
        await rejectsWith(signUp(input), NotAuthorizedException, `Client ${clientId} is configured for secret but secret was not received`);
        await rejectsWith(
          signUp({ ...input, SecretHash: secretHash(secret!, "someone-else", clientId) }),
          NotAuthorizedException,
          `Unable to verify secret hash for client ${clientId}`,
        );
        await signUp({ ...input, SecretHash: secretHash(secret!, "nina", clientId) });
        const code = (await latestCode(cognate, poolId, "nina", "signup")).code;
        await rejectsWith(confirm(clientId, "nina", code), NotAuthorizedException, `Client ${clientId} is configured for secret but secret was not received`);
        await confirm(clientId, "nina", code, { SecretHash: secretHash(secret!, "nina", clientId) });
        assert.equal((await userOf(poolId, "nina")).status, "CONFIRMED");
      });

      test("a client without a secret refuses a SecretHash", async () => {
        const { clientId } = await emailPool();
        await rejectsWith(
          signUp({ ClientId: clientId, Username: "oscar", Password: PASSWORD, SecretHash: "c2VjcmV0" }),
          InvalidParameterException,
          `Client ${clientId} is not configured for secret but secret hash was received`,
        );
      });
    });
  });
}
