import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResourceNotFoundException,
  UserNotConfirmedException,
  UserNotFoundException,
  type AuthFlowType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, secretHash, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`sign-in with a password (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const userSignIn = (clientId: string, parameters: Record<string, string>, flow: AuthFlowType = "USER_PASSWORD_AUTH") =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }));
    const adminSignIn = (
      poolId: string,
      clientId: string,
      parameters: Record<string, string>,
      flow: AuthFlowType = "ADMIN_USER_PASSWORD_AUTH",
    ) => cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: flow, AuthParameters: parameters }));

    describe("success", () => {
      test("a confirmed user gets Bearer tokens for the client from USER_PASSWORD_AUTH, with empty ChallengeParameters", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "alice", [{ Name: "email", Value: "alice@example.com" }]);
        const reply = await userSignIn(clientId, { USERNAME: "alice", PASSWORD });
        assert.equal(reply.ChallengeName, undefined);
        assert.equal(reply.Session, undefined);
        assert.deepEqual(reply.ChallengeParameters, {});
        const result = reply.AuthenticationResult!;
        assert.equal(result.TokenType, "Bearer");
        assert.equal(result.ExpiresIn, 3600);
        assert.ok(result.RefreshToken !== undefined);
        const id = claimsOf(result.IdToken);
        assert.equal(id.aud, clientId);
        assert.equal(id["cognito:username"], "alice");
        assert.equal(id.email, "alice@example.com");
        assert.equal(claimsOf(result.AccessToken).client_id, clientId);
      });

      test("AdminInitiateAuth signs in with ADMIN_USER_PASSWORD_AUTH, and with the legacy ADMIN_NO_SRP_AUTH on a legacy client", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "bob");
        const reply = await adminSignIn(poolId, clientId, { USERNAME: "bob", PASSWORD });
        assert.equal(claimsOf(reply.AuthenticationResult!.AccessToken).username, "bob");

        const legacy = await fixture.client(poolId, { ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH"] });
        const legacyReply = await adminSignIn(poolId, legacy.clientId, { USERNAME: "bob", PASSWORD }, "ADMIN_NO_SRP_AUTH");
        assert.equal(claimsOf(legacyReply.AuthenticationResult!.IdToken).aud, legacy.clientId);
      });

      test("USERNAME may be an alias or the sub; the tokens name the internal username", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "carol", [{ Name: "preferred_username", Value: "caz" }]);
        const byAlias = await userSignIn(clientId, { USERNAME: "caz", PASSWORD });
        const id = claimsOf(byAlias.AuthenticationResult!.IdToken);
        assert.equal(id["cognito:username"], "carol");
        const bySub = await userSignIn(clientId, { USERNAME: id.sub as string, PASSWORD });
        assert.equal(claimsOf(bySub.AuthenticationResult!.AccessToken).username, "carol");
      });

      test("in a pool whose users sign in with their email, the email signs in", async () => {
        const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "dora@example.com");
        const reply = await userSignIn(clientId, { USERNAME: "dora@example.com", PASSWORD });
        const id = claimsOf(reply.AuthenticationResult!.IdToken);
        assert.equal(id["cognito:username"], id.sub);
        assert.equal(id.email, "dora@example.com");
      });
    });

    describe("flows and clients", () => {
      test("each operation refuses the other's password flow: Initiate Auth method not supported.", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "erin");
        for (const flow of ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"] as const) {
          await rejectsWith(userSignIn(clientId, { USERNAME: "erin", PASSWORD }, flow), InvalidParameterException, "Initiate Auth method not supported.");
        }
        await rejectsWith(
          adminSignIn(poolId, clientId, { USERNAME: "erin", PASSWORD }, "USER_PASSWORD_AUTH"),
          InvalidParameterException,
          "Initiate Auth method not supported.",
        );
      });

      test("a flow the client does not allow is refused in Cognito's words for it", async () => {
        const poolId = await fixture.pool();
        // No ExplicitAuthFlows: Cognito's default of SRP, custom and refresh.
        const { clientId } = await fixture.client(poolId, { ExplicitAuthFlows: undefined });
        await fixture.confirmedUser(poolId, "fay");
        await rejectsWith(
          userSignIn(clientId, { USERNAME: "fay", PASSWORD }),
          InvalidParameterException,
          "USER_PASSWORD_AUTH flow not enabled for this client",
        );
        await rejectsWith(adminSignIn(poolId, clientId, { USERNAME: "fay", PASSWORD }), InvalidParameterException, "Auth flow not enabled for this client");
        const passwordOnly = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
        await rejectsWith(
          userSignIn(passwordOnly.clientId, { USERNAME: "fay", SRP_A: "abc" }, "USER_SRP_AUTH"),
          InvalidParameterException,
          "USER_SRP_AUTH is not enabled for the client.",
        );
      });

      test("custom sign-in in a pool without the challenge functions is refused as Cognito refuses it", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId, {
          ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        });
        await rejectsWith(
          userSignIn(clientId, { USERNAME: "gus" }, "CUSTOM_AUTH"),
          InvalidParameterException,
          "Custom auth lambda trigger is not configured for the user pool.",
        );
      });

      test("an unknown client is ResourceNotFoundException; AdminInitiateAuth wants the client in the pool it names", async () => {
        const poolId = await fixture.pool();
        const otherPool = await fixture.pool();
        const { clientId } = await fixture.client(otherPool);
        await rejectsWith(
          userSignIn("nosuchclient00000000000000", { USERNAME: "x", PASSWORD }),
          ResourceNotFoundException,
          "User pool client nosuchclient00000000000000 does not exist.",
        );
        await rejectsWith(adminSignIn(poolId, clientId, { USERNAME: "x", PASSWORD }), ResourceNotFoundException, `User pool client ${clientId} does not exist.`);
      });

      test("a missing USERNAME or PASSWORD is named", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await rejectsWith(userSignIn(clientId, { PASSWORD }), InvalidParameterException, "Missing required parameter USERNAME");
        await rejectsWith(userSignIn(clientId, { USERNAME: "hal" }), InvalidParameterException, "Missing required parameter PASSWORD");
        await rejectsWith(
          cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH" })),
          InvalidParameterException,
          "Missing required parameter USERNAME",
        );
        await rejectsWith(adminSignIn(poolId, clientId, { USERNAME: "hal" }), InvalidParameterException, "Missing required parameter PASSWORD");
      });
    });

    describe("client secret", () => {
      test("a client with a secret wants SECRET_HASH over the username typed: missing, wrong and right", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
        assert.ok(secret !== undefined);
        await fixture.confirmedUser(poolId, "ivan", [{ Name: "preferred_username", Value: "iv" }]);
        for (const signIn of [
          (parameters: Record<string, string>) => userSignIn(clientId, parameters),
          (parameters: Record<string, string>) => adminSignIn(poolId, clientId, parameters),
        ]) {
          await rejectsWith(
            signIn({ USERNAME: "ivan", PASSWORD }),
            NotAuthorizedException,
            `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
          );
          await rejectsWith(
            signIn({ USERNAME: "ivan", PASSWORD, SECRET_HASH: secretHash(secret, "iv", clientId) }),
            NotAuthorizedException,
            `Unable to verify secret hash for client ${clientId}`,
          );
          await rejectsWith(
            signIn({ USERNAME: "ivan", PASSWORD, SECRET_HASH: secretHash("not-the-secret", "ivan", clientId) }),
            NotAuthorizedException,
            `Unable to verify secret hash for client ${clientId}`,
          );
          const byName = await signIn({ USERNAME: "ivan", PASSWORD, SECRET_HASH: secretHash(secret, "ivan", clientId) });
          assert.ok(byName.AuthenticationResult?.AccessToken);
          const byAlias = await signIn({ USERNAME: "iv", PASSWORD, SECRET_HASH: secretHash(secret, "iv", clientId) });
          assert.ok(byAlias.AuthenticationResult?.AccessToken);
        }
      });

      test("a client without a secret refuses a SECRET_HASH", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "ida");
        await rejectsWith(
          userSignIn(clientId, { USERNAME: "ida", PASSWORD, SECRET_HASH: secretHash("anything", "ida", clientId) }),
          InvalidParameterException,
          `Client ${clientId} is not configured for secret but secret hash was received`,
        );
      });

      test("the secret hash is checked before the user is looked up", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId, { GenerateSecret: true });
        await rejectsWith(
          userSignIn(clientId, { USERNAME: "nobody", PASSWORD, SECRET_HASH: "bm9wZQ==" }),
          NotAuthorizedException,
          `Unable to verify secret hash for client ${clientId}`,
        );
      });
    });

    describe("users who may not sign in", () => {
      test("a wrong password is NotAuthorizedException: Incorrect username or password.", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "jack");
        await rejectsWith(userSignIn(clientId, { USERNAME: "jack", PASSWORD: OTHER_PASSWORD }), NotAuthorizedException, "Incorrect username or password.");
        await rejectsWith(
          adminSignIn(poolId, clientId, { USERNAME: "jack", PASSWORD: OTHER_PASSWORD }),
          NotAuthorizedException,
          "Incorrect username or password.",
        );
      });

      test("an unknown user is UserNotFoundException with LEGACY, and reads like a wrong password with ENABLED", async () => {
        const poolId = await fixture.pool();
        const legacy = await fixture.client(poolId);
        const enabled = await fixture.client(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await rejectsWith(userSignIn(legacy.clientId, { USERNAME: "nobody", PASSWORD }), UserNotFoundException, "User does not exist.");
        await rejectsWith(adminSignIn(poolId, legacy.clientId, { USERNAME: "nobody", PASSWORD }), UserNotFoundException, "User does not exist.");
        await rejectsWith(userSignIn(enabled.clientId, { USERNAME: "nobody", PASSWORD }), NotAuthorizedException, "Incorrect username or password.");
        await rejectsWith(
          adminSignIn(poolId, enabled.clientId, { USERNAME: "nobody", PASSWORD }),
          NotAuthorizedException,
          "Incorrect username or password.",
        );
      });

      test("a disabled user is told so only after the right password", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "kim");
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "kim" }));
        await rejectsWith(userSignIn(clientId, { USERNAME: "kim", PASSWORD: OTHER_PASSWORD }), NotAuthorizedException, "Incorrect username or password.");
        await rejectsWith(userSignIn(clientId, { USERNAME: "kim", PASSWORD }), NotAuthorizedException, "User is disabled.");
        await rejectsWith(adminSignIn(poolId, clientId, { USERNAME: "kim", PASSWORD }), NotAuthorizedException, "User is disabled.");
      });

      test("an unconfirmed user is UserNotConfirmedException: whatever the password with LEGACY, only after the right one with ENABLED", async () => {
        const poolId = await fixture.pool();
        const legacy = await fixture.client(poolId);
        const enabled = await fixture.client(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await fixture.confirmedUser(poolId, "lee");
        await fixture.setStatus(poolId, "lee", "UNCONFIRMED");
        await rejectsWith(userSignIn(legacy.clientId, { USERNAME: "lee", PASSWORD }), UserNotConfirmedException, "User is not confirmed.");
        await rejectsWith(userSignIn(legacy.clientId, { USERNAME: "lee", PASSWORD: OTHER_PASSWORD }), UserNotConfirmedException, "User is not confirmed.");
        await rejectsWith(adminSignIn(poolId, legacy.clientId, { USERNAME: "lee", PASSWORD }), UserNotConfirmedException, "User is not confirmed.");
        await rejectsWith(
          userSignIn(enabled.clientId, { USERNAME: "lee", PASSWORD: OTHER_PASSWORD }),
          NotAuthorizedException,
          "Incorrect username or password.",
        );
        await rejectsWith(userSignIn(enabled.clientId, { USERNAME: "lee", PASSWORD }), UserNotConfirmedException, "User is not confirmed.");
      });

      test("a user whose password was reset is PasswordResetRequiredException with LEGACY, and not told so with ENABLED", async () => {
        const poolId = await fixture.pool();
        const legacy = await fixture.client(poolId);
        const enabled = await fixture.client(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await fixture.confirmedUser(poolId, "max", [
          { Name: "email", Value: "max@example.com" },
          { Name: "email_verified", Value: "true" },
        ]);
        await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "max" }));
        await rejectsWith(
          userSignIn(legacy.clientId, { USERNAME: "max", PASSWORD }),
          PasswordResetRequiredException,
          "Password reset required for the user",
        );
        await rejectsWith(
          adminSignIn(poolId, legacy.clientId, { USERNAME: "max", PASSWORD: OTHER_PASSWORD }),
          PasswordResetRequiredException,
          "Password reset required for the user",
        );
        await rejectsWith(userSignIn(enabled.clientId, { USERNAME: "max", PASSWORD }), NotAuthorizedException, "Incorrect username or password.");
      });

      test("a user without a password cannot sign in with one", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await fixture.client(poolId);
        await fixture.confirmedUser(poolId, "ned");
        const store = cognate.app.deps.store;
        const user = await store.users.getByUsernameKey(poolId, "ned");
        assert.ok(user !== undefined);
        const { password: _removed, ...withoutPassword } = user;
        assert.ok(await store.users.update({ ...withoutPassword, status: "EXTERNAL_PROVIDER" }));
        await rejectsWith(userSignIn(clientId, { USERNAME: "ned", PASSWORD }), NotAuthorizedException, "Incorrect username or password.");
      });
    });
  });
}
