import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import {
  assertFailed,
  assertSucceeded,
  authenticateWithCognitoJs,
  cognitoJsPool,
  cognitoJsUser,
  completeNewPasswordWithCognitoJs,
  tokenVerifiers,
} from "../helpers/realClients.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const INCORRECT = "Incorrect username or password.";
/** The flows a browser app's client allows: SRP and refresh only, no plain password. */
const SRP_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] as const;

for (const backend of backends) {
  describe(`amazon-cognito-identity-js against Cognate, over USER_SRP_AUTH (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function srpClient(poolId: string, settings: { secret?: boolean; preventUserExistenceErrors?: boolean } = {}) {
      return fixture.client(poolId, {
        ExplicitAuthFlows: [...SRP_FLOWS],
        ...(settings.secret ? { GenerateSecret: true } : {}),
        ...(settings.preventUserExistenceErrors ? { PreventUserExistenceErrors: "ENABLED" } : {}),
      });
    }

    const statusOf = async (poolId: string, username: string) =>
      (await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus;

    describe("a client without a secret", () => {
      test("authenticateUser with the permanent password succeeds, and the session's tokens verify against the pool's JWKS", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "ada", [{ Name: "email", Value: "ada@example.com" }]);
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "ada");

        const session = assertSucceeded(await authenticateWithCognitoJs(user, "ada", PASSWORD));

        assert.equal(session.isValid(), true);
        const verify = tokenVerifiers(cognate.url, poolId, clientId);
        const idClaims = await verify.id.verify(session.getIdToken().getJwtToken());
        assert.equal(idClaims["cognito:username"], "ada");
        assert.equal(idClaims.email, "ada@example.com");
        const accessClaims = await verify.access.verify(session.getAccessToken().getJwtToken());
        assert.equal(accessClaims.username, "ada");
        assert.equal(accessClaims.sub, idClaims.sub);
        assert.ok(session.getRefreshToken().getToken().length > 0);
        // The library keeps the session as the signed-in user of its pool.
        assert.equal(user.getSignInUserSession()?.getIdToken().getJwtToken(), session.getIdToken().getJwtToken());
      });

      test("a wrong password fails with NotAuthorizedException, and the right one still works afterwards", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "ben");
        const pool = cognitoJsPool(cognate.url, poolId, clientId);

        const wrong = await authenticateWithCognitoJs(cognitoJsUser(pool, "ben"), "ben", OTHER_PASSWORD);
        assertFailed(wrong, "NotAuthorizedException", INCORRECT);

        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "ben"), "ben", PASSWORD));
      });

      test("an unknown user fails with UserNotFoundException when the client reveals users", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "nobody");

        assertFailed(await authenticateWithCognitoJs(user, "nobody", PASSWORD), "UserNotFoundException", "User does not exist.");
      });

      test("with PreventUserExistenceErrors an unknown user fails exactly like a wrong password", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId, { preventUserExistenceErrors: true });
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "nobody");

        assertFailed(await authenticateWithCognitoJs(user, "nobody", PASSWORD), "NotAuthorizedException", INCORRECT);
      });

      test("a temporary password calls newPasswordRequired; completeNewPasswordChallenge signs in and confirms the user", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.invitedUser(poolId, "cleo", [{ Name: "name", Value: "Cleo" }]);
        const pool = cognitoJsPool(cognate.url, poolId, clientId);
        const user = cognitoJsUser(pool, "cleo");

        const challenge = await authenticateWithCognitoJs(user, "cleo", TEMPORARY_PASSWORD);
        assert.equal(challenge.kind, "newPasswordRequired");
        assert.deepEqual(challenge.kind === "newPasswordRequired" && challenge.userAttributes, { name: "Cleo" });
        assert.deepEqual(challenge.kind === "newPasswordRequired" && challenge.requiredAttributes, []);
        assert.equal(await statusOf(poolId, "cleo"), "FORCE_CHANGE_PASSWORD");

        const session = assertSucceeded(await completeNewPasswordWithCognitoJs(user, PASSWORD));

        const idClaims = await tokenVerifiers(cognate.url, poolId, clientId).id.verify(session.getIdToken().getJwtToken());
        assert.equal(idClaims["cognito:username"], "cleo");
        assert.equal(await statusOf(poolId, "cleo"), "CONFIRMED");
        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "cleo"), "cleo", PASSWORD));
        assertFailed(
          await authenticateWithCognitoJs(cognitoJsUser(pool, "cleo"), "cleo", TEMPORARY_PASSWORD),
          "NotAuthorizedException",
          INCORRECT,
        );
      });

      test("a wrong temporary password fails with NotAuthorizedException and leaves the user waiting for a new password", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.invitedUser(poolId, "dara");
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "dara");

        assertFailed(await authenticateWithCognitoJs(user, "dara", OTHER_PASSWORD), "NotAuthorizedException", INCORRECT);

        assert.equal(await statusOf(poolId, "dara"), "FORCE_CHANGE_PASSWORD");
      });

      test("with email usernames, the library signs in with the email and proves the password over USER_ID_FOR_SRP", async () => {
        const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "eve@example.com");
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "eve@example.com");

        const session = assertSucceeded(await authenticateWithCognitoJs(user, "eve@example.com", PASSWORD));

        const claims = session.getIdToken().decodePayload();
        // The internal username of such a pool is the sub: the library adopted it from USER_ID_FOR_SRP.
        assert.equal(claims["cognito:username"], claims.sub);
        assert.equal(user.getUsername(), claims.sub);
        assert.equal(claims.email, "eve@example.com");
      });
    });

    describe("a client with a secret", () => {
      test("the library alone sends no SECRET_HASH, so Cognate refuses it as Cognito does", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId, { secret: true });
        await fixture.confirmedUser(poolId, "finn");
        const user = cognitoJsUser(cognitoJsPool(cognate.url, poolId, clientId), "finn");

        assertFailed(
          await authenticateWithCognitoJs(user, "finn", PASSWORD),
          "NotAuthorizedException",
          `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
        );
      });

      test("with SECRET_HASH added to its requests, authenticateUser succeeds and a wrong password still fails", async () => {
        const poolId = await fixture.pool();
        const { clientId, secret } = await srpClient(poolId, { secret: true });
        assert.ok(secret !== undefined);
        await fixture.confirmedUser(poolId, "gus");
        const pool = cognitoJsPool(cognate.url, poolId, clientId, { secret });

        const session = assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "gus"), "gus", PASSWORD));
        const idClaims = await tokenVerifiers(cognate.url, poolId, clientId).id.verify(session.getIdToken().getJwtToken());
        assert.equal(idClaims["cognito:username"], "gus");

        const wrong = await authenticateWithCognitoJs(cognitoJsUser(pool, "gus"), "gus", OTHER_PASSWORD);
        assertFailed(wrong, "NotAuthorizedException", INCORRECT);
      });

      test("with SECRET_HASH added, a temporary password leads through newPasswordRequired to a session", async () => {
        const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
        const { clientId, secret } = await srpClient(poolId, { secret: true });
        assert.ok(secret !== undefined);
        await fixture.invitedUser(poolId, "hana@example.com");
        const pool = cognitoJsPool(cognate.url, poolId, clientId, { secret });
        const user = cognitoJsUser(pool, "hana@example.com");

        // The hash of the first request covers the email typed, the later ones the internal username.
        const challenge = await authenticateWithCognitoJs(user, "hana@example.com", TEMPORARY_PASSWORD);
        assert.equal(challenge.kind, "newPasswordRequired");
        const session = assertSucceeded(await completeNewPasswordWithCognitoJs(user, PASSWORD));

        assert.equal(session.getIdToken().decodePayload().email, "hana@example.com");
        assert.equal(await statusOf(poolId, "hana@example.com"), "CONFIRMED");
        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "hana@example.com"), "hana@example.com", PASSWORD));
      });
    });
  });
}
