import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  NotAuthorizedException,
  PasswordHistoryPolicyViolationException,
  RespondToAuthChallengeCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, secretHash, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const INVALID_SESSION = "Invalid session for the user, session is expired.";

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

for (const backend of backends) {
  describe(`the NEW_PASSWORD_REQUIRED challenge (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** Signs in with the temporary password and returns the challenge's session. */
    async function challenge(clientId: string, username: string, extra: Record<string, string> = {}): Promise<string> {
      const reply = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD: TEMPORARY_PASSWORD, ...extra },
        }),
      );
      assert.equal(reply.ChallengeName, "NEW_PASSWORD_REQUIRED");
      return reply.Session!;
    }

    const answer = (clientId: string, session: string | undefined, responses: Record<string, string>) =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: session,
          ChallengeResponses: responses,
        }),
      );

    describe("the challenge", () => {
      test("a temporary password yields the challenge: an opaque session, the internal username and the user's attributes without sub", async () => {
        const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "olga@example.com", [
          { Name: "email_verified", Value: "true" },
          { Name: "name", Value: "Olga" },
        ]);
        const reply = await cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "olga@example.com", PASSWORD: TEMPORARY_PASSWORD },
          }),
        );
        assert.equal(reply.ChallengeName, "NEW_PASSWORD_REQUIRED");
        assert.equal(reply.AuthenticationResult, undefined);
        assert.match(reply.Session!, /^AYABe[A-Za-z0-9_-]+$/);
        assert.ok(reply.Session!.length >= 20 && reply.Session!.length <= 2048);
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "olga@example.com" }));
        const parameters = reply.ChallengeParameters!;
        assert.deepEqual(Object.keys(parameters).sort(), ["USER_ID_FOR_SRP", "requiredAttributes", "userAttributes"]);
        assert.equal(parameters.USER_ID_FOR_SRP, user.Username);
        assert.equal(parameters.USER_ID_FOR_SRP, attribute(user.UserAttributes, "sub"));
        assert.equal(parameters.requiredAttributes, "[]");
        assert.deepEqual(JSON.parse(parameters.userAttributes!), { email_verified: "true", name: "Olga", email: "olga@example.com" });
      });

      test("AdminInitiateAuth yields the same challenge, answered with AdminRespondToAuthChallenge", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "pia");
        const started = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "pia", PASSWORD: TEMPORARY_PASSWORD },
          }),
        );
        assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
        assert.equal(started.ChallengeParameters!.USER_ID_FOR_SRP, "pia");
        const done = await cognito.send(
          new AdminRespondToAuthChallengeCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: started.Session,
            ChallengeResponses: { USERNAME: "pia", NEW_PASSWORD: PASSWORD },
          }),
        );
        assert.deepEqual(done.ChallengeParameters, {});
        assert.equal(claimsOf(done.AuthenticationResult!.IdToken)["cognito:username"], "pia");
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "pia" }));
        assert.equal(user.UserStatus, "CONFIRMED");
      });
    });

    describe("the answer", () => {
      test("sets the password, confirms the user and returns tokens; then the new password signs in and the temporary one does not", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "quinn");
        const session = await challenge(clientId, "quinn");
        const done = await answer(clientId, session, { USERNAME: "quinn", NEW_PASSWORD: PASSWORD });
        assert.equal(done.ChallengeName, undefined);
        assert.equal(done.Session, undefined);
        assert.deepEqual(done.ChallengeParameters, {});
        assert.equal(done.AuthenticationResult!.TokenType, "Bearer");
        assert.ok(done.AuthenticationResult!.RefreshToken);
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "quinn" }));
        assert.equal(user.UserStatus, "CONFIRMED");
        const again = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "quinn", PASSWORD } }),
        );
        assert.ok(again.AuthenticationResult?.AccessToken);
        await rejectsWith(
          cognito.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: "quinn", PASSWORD: TEMPORARY_PASSWORD },
            }),
          ),
          NotAuthorizedException,
          "Incorrect username or password.",
        );
      });

      test("required attributes the user lacks are listed and must be given; a required one already set may not be", async () => {
        const poolId = await fixture.pool({
          Schema: [
            { Name: "email", Required: true },
            { Name: "given_name", Required: true },
          ],
        });
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "rosa", [{ Name: "email", Value: "rosa@example.com" }]);
        const reply = await cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "rosa", PASSWORD: TEMPORARY_PASSWORD },
          }),
        );
        assert.equal(reply.ChallengeParameters!.requiredAttributes, '["userAttributes.given_name"]');
        assert.deepEqual(JSON.parse(reply.ChallengeParameters!.userAttributes!), { email: "rosa@example.com" });
        const session = reply.Session!;
        await rejectsWith(
          answer(clientId, session, { USERNAME: "rosa", NEW_PASSWORD: PASSWORD }),
          InvalidParameterException,
          "Invalid attributes given, given_name is missing",
        );
        await rejectsWith(
          answer(clientId, session, { USERNAME: "rosa", NEW_PASSWORD: PASSWORD, "userAttributes.given_name": "" }),
          InvalidParameterException,
          "Invalid attributes given, given_name is missing",
        );
        await rejectsWith(
          answer(clientId, session, {
            USERNAME: "rosa",
            NEW_PASSWORD: PASSWORD,
            "userAttributes.given_name": "Rosa",
            "userAttributes.email": "other@example.com",
          }),
          NotAuthorizedException,
          "Cannot modify an already provided email",
        );
        const done = await answer(clientId, session, {
          USERNAME: "rosa",
          NEW_PASSWORD: PASSWORD,
          "userAttributes.given_name": "Rosa",
          "userAttributes.family_name": "Parks",
        });
        assert.equal(claimsOf(done.AuthenticationResult!.IdToken).given_name, "Rosa");
        const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "rosa" }));
        assert.equal(attribute(user.UserAttributes, "given_name"), "Rosa");
        assert.equal(attribute(user.UserAttributes, "family_name"), "Parks");
        assert.equal(attribute(user.UserAttributes, "email"), "rosa@example.com");
      });

      test("attributes the client may not write, or outside the schema, are refused", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId, { WriteAttributes: ["name"] });
        await fixture.invitedUser(poolId, "sam");
        const session = await challenge(clientId, "sam");
        await rejectsWith(
          answer(clientId, session, { USERNAME: "sam", NEW_PASSWORD: PASSWORD, "userAttributes.family_name": "Spade" }),
          NotAuthorizedException,
          "A client attempted to write unauthorized attribute",
        );
        const open = await fixture.client(poolId);
        const openSession = await challenge(open.clientId, "sam");
        await rejectsWith(
          answer(open.clientId, openSession, { USERNAME: "sam", NEW_PASSWORD: PASSWORD, "userAttributes.email_verified": "true" }),
          NotAuthorizedException,
          "A client attempted to write unauthorized attribute",
        );
        await rejectsWith(
          answer(open.clientId, openSession, { USERNAME: "sam", NEW_PASSWORD: PASSWORD, "userAttributes.custom:nope": "x" }),
          InvalidParameterException,
          "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n",
        );
        const done = await answer(clientId, session, { USERNAME: "sam", NEW_PASSWORD: PASSWORD, "userAttributes.name": "Sam" });
        assert.equal(claimsOf(done.AuthenticationResult!.IdToken).name, "Sam");
      });

      test("a weak or reused new password fails with the user-facing prefix, and the session can be answered again", async () => {
        const poolId = await fixture.pool({ Policies: { PasswordPolicy: { MinimumLength: 10, PasswordHistorySize: 2 } } });
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "tina");
        const session = await challenge(clientId, "tina");
        await rejectsWith(
          answer(clientId, session, { USERNAME: "tina", NEW_PASSWORD: "Short-1a" }),
          InvalidPasswordException,
          "Password does not conform to policy: Password not long enough",
        );
        await rejectsWith(
          answer(clientId, session, { USERNAME: "tina", NEW_PASSWORD: TEMPORARY_PASSWORD }),
          PasswordHistoryPolicyViolationException,
          "The password has been used too recently.",
        );
        const done = await answer(clientId, session, { USERNAME: "tina", NEW_PASSWORD: PASSWORD });
        assert.ok(done.AuthenticationResult?.IdToken);
      });

      test("a missing NEW_PASSWORD, USERNAME or Session is named", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "uma");
        const session = await challenge(clientId, "uma");
        await rejectsWith(answer(clientId, session, { USERNAME: "uma" }), InvalidParameterException, "Missing required parameter NEW_PASSWORD");
        await rejectsWith(answer(clientId, session, { NEW_PASSWORD: PASSWORD }), InvalidParameterException, "Missing required parameter USERNAME");
        await rejectsWith(
          answer(clientId, undefined, { USERNAME: "uma", NEW_PASSWORD: PASSWORD }),
          InvalidParameterException,
          "Missing required parameter Session",
        );
        const done = await answer(clientId, session, { USERNAME: "uma", NEW_PASSWORD: PASSWORD });
        assert.ok(done.AuthenticationResult);
      });

      test("challenges Cognate does not issue yet are refused by name", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await rejectsWith(
          cognito.send(
            new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "ADMIN_NO_SRP_AUTH", ChallengeResponses: { USERNAME: "x" } }),
          ),
          InvalidParameterException,
          "The ADMIN_NO_SRP_AUTH challenge is not supported by Cognate yet.",
        );
      });

      test("with a client secret the answer needs SECRET_HASH too", async () => {
        const poolId = await fixture.pool();
        const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
        await fixture.invitedUser(poolId, "vera");
        const session = await challenge(clientId, "vera", { SECRET_HASH: secretHash(secret!, "vera", clientId) });
        await rejectsWith(
          answer(clientId, session, { USERNAME: "vera", NEW_PASSWORD: PASSWORD }),
          NotAuthorizedException,
          `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
        );
        await rejectsWith(
          answer(clientId, session, { USERNAME: "vera", NEW_PASSWORD: PASSWORD, SECRET_HASH: secretHash(secret!, "someone", clientId) }),
          NotAuthorizedException,
          `Unable to verify secret hash for client ${clientId}`,
        );
        const done = await answer(clientId, session, { USERNAME: "vera", NEW_PASSWORD: PASSWORD, SECRET_HASH: secretHash(secret!, "vera", clientId) });
        assert.ok(done.AuthenticationResult?.AccessToken);
      });
    });

    describe("the session", () => {
      test("is single-use: a second answer is refused", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "walt");
        const session = await challenge(clientId, "walt");
        await answer(clientId, session, { USERNAME: "walt", NEW_PASSWORD: PASSWORD });
        await rejectsWith(answer(clientId, session, { USERNAME: "walt", NEW_PASSWORD: OTHER_PASSWORD }), NotAuthorizedException, INVALID_SESSION);
      });

      test("belongs to its client, pool and user; an alias or the sub of that user may answer", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const otherPool = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        const sibling = await fixture.client(poolId);
        const foreign = await fixture.client(otherPool);
        await fixture.invitedUser(poolId, "xena", [{ Name: "preferred_username", Value: "xe" }]);
        await fixture.invitedUser(poolId, "yuri");
        const session = await challenge(clientId, "xena");
        await rejectsWith(answer(sibling.clientId, session, { USERNAME: "xena", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
        await rejectsWith(answer(foreign.clientId, session, { USERNAME: "xena", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
        await rejectsWith(
          cognito.send(
            new AdminRespondToAuthChallengeCommand({
              UserPoolId: otherPool,
              ClientId: foreign.clientId,
              ChallengeName: "NEW_PASSWORD_REQUIRED",
              Session: session,
              ChallengeResponses: { USERNAME: "xena", NEW_PASSWORD: PASSWORD },
            }),
          ),
          NotAuthorizedException,
          INVALID_SESSION,
        );
        await rejectsWith(answer(clientId, session, { USERNAME: "yuri", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
        await rejectsWith(answer(clientId, session, { USERNAME: "nobody", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
        await rejectsWith(
          answer(clientId, "AYABe" + "A".repeat(40), { USERNAME: "xena", NEW_PASSWORD: PASSWORD }),
          NotAuthorizedException,
          INVALID_SESSION,
        );
        const done = await answer(clientId, session, { USERNAME: "xe", NEW_PASSWORD: PASSWORD });
        assert.equal(claimsOf(done.AuthenticationResult!.IdToken)["cognito:username"], "xena");

        const bySub = await challenge(clientId, "yuri");
        const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "yuri" }));
        const yuriDone = await answer(clientId, bySub, { USERNAME: attribute(UserAttributes, "sub")!, NEW_PASSWORD: PASSWORD });
        assert.ok(yuriDone.AuthenticationResult);
      });

      test("is refused once an administrator has set the password meanwhile", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "zack");
        const session = await challenge(clientId, "zack");
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "zack", Password: OTHER_PASSWORD, Permanent: true }));
        await rejectsWith(answer(clientId, session, { USERNAME: "zack", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
      });

      test("expires after the client's AuthSessionValidity minutes", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId, { AuthSessionValidity: 5 });
        await fixture.invitedUser(poolId, "abel");
        await fixture.invitedUser(poolId, "beth");
        const early = await challenge(clientId, "abel");
        const late = await challenge(clientId, "beth");
        await fixture.advanceClock(4 * 60 + 50);
        const done = await answer(clientId, early, { USERNAME: "abel", NEW_PASSWORD: PASSWORD });
        assert.ok(done.AuthenticationResult);
        await fixture.advanceClock(11);
        await rejectsWith(answer(clientId, late, { USERNAME: "beth", NEW_PASSWORD: PASSWORD }), NotAuthorizedException, INVALID_SESSION);
      });
    });

    describe("the temporary password", () => {
      test("expires after TemporaryPasswordValidityDays; a new one from an administrator works again", async () => {
        const poolId = await fixture.pool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 2 } } });
        const { clientId } = await fixture.client(poolId);
        await fixture.invitedUser(poolId, "cleo");
        await fixture.advanceClock(3 * 24 * 3600);
        const signIn = () =>
          cognito.send(
            new InitiateAuthCommand({
              ClientId: clientId,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: "cleo", PASSWORD: TEMPORARY_PASSWORD },
            }),
          );
        await rejectsWith(signIn(), NotAuthorizedException, "Temporary password has expired and must be reset by an administrator.");
        await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "cleo", Password: TEMPORARY_PASSWORD }));
        const reply = await signIn();
        assert.equal(reply.ChallengeName, "NEW_PASSWORD_REQUIRED");
      });
    });
  });
}
