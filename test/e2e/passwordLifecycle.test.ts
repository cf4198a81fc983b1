import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { latestCode } from "../helpers/codes.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const NEXT_PASSWORD = "Next-Password3";

/** Verifies the way an application would: signature against the JWKS Cognate publishes, issuer, audience, use. */
function verifiers(url: string, poolId: string, clientId: string) {
  const issuer = `${url}/${poolId}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
  return {
    id: JwtVerifier.create({ issuer, audience: clientId, jwksUri }, { jwksCache }),
    access: JwtVerifier.create({ issuer, audience: null, jwksUri, scope: "aws.cognito.signin.user.admin" }, { jwksCache }),
  };
}

for (const backend of backends) {
  describe(`the password lifecycle end to end through the SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const signIn = (clientId: string, username: string, password: string) =>
      cognito.send(
        new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
      );

    test("invited → new password → tokens that aws-jwt-verify accepts; an admin reset keeps earlier sessions alive", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.invitedUser(poolId, "ada", [{ Name: "email", Value: "ada@example.com" }]);

      const challenge = await signIn(clientId, "ada", TEMPORARY_PASSWORD);
      assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
      const answered = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "NEW_PASSWORD_REQUIRED",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: "ada", NEW_PASSWORD: PASSWORD },
        }),
      );
      const tokens = answered.AuthenticationResult!;
      const verify = verifiers(cognate.url, poolId, clientId);
      const idClaims = await verify.id.verify(tokens.IdToken!);
      assert.equal(idClaims.token_use, "id");
      assert.equal(idClaims["cognito:username"], "ada");
      assert.equal(idClaims.email, "ada@example.com");
      const accessClaims = await verify.access.verify(tokens.AccessToken!);
      assert.equal(accessClaims.token_use, "access");
      assert.equal(accessClaims.client_id, clientId);

      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: NEXT_PASSWORD, Permanent: true }));
      await rejectsWith(signIn(clientId, "ada", PASSWORD), NotAuthorizedException, "Incorrect username or password.");
      const permanent = await signIn(clientId, "ada", NEXT_PASSWORD);
      assert.ok(permanent.AuthenticationResult?.AccessToken, "a permanent password signs in at once");

      const refreshed = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
      );
      await verify.access.verify(refreshed.AuthenticationResult!.AccessToken!);
    });

    test("a temporary password set by an administrator forces a new password, and expires with the pool's validity", async () => {
      const poolId = await fixture.pool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 2 } } });
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "grace");
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "grace", Password: NEXT_PASSWORD }));
      assert.equal((await signIn(clientId, "grace", NEXT_PASSWORD)).ChallengeName, "NEW_PASSWORD_REQUIRED");

      await fixture.advanceClock(2 * 86400 + 60);
      await rejectsWith(
        signIn(clientId, "grace", NEXT_PASSWORD),
        NotAuthorizedException,
        "Temporary password has expired and must be reset by an administrator.",
      );
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "grace", Password: PASSWORD, Permanent: true }));
      assert.ok((await signIn(clientId, "grace", PASSWORD)).AuthenticationResult?.IdToken);
    });

    test("an administrator's new password makes a pending reset code useless", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "alan", [
        { Name: "email", Value: "alan@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: "alan" }));
      const { code } = await latestCode(cognate, poolId, "alan", "reset");
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "alan", Password: NEXT_PASSWORD, Permanent: true }));
      await rejectsWith(
        cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "alan", ConfirmationCode: code, Password: PASSWORD })),
        ExpiredCodeException,
        "Invalid code provided, please request a code again.",
      );
      assert.ok((await signIn(clientId, "alan", NEXT_PASSWORD)).AuthenticationResult?.AccessToken);
    });
  });
}

describe("with the AWS issuer form, unmodified CognitoJwtVerifier code verifies Cognate's tokens", () => {
  let cognate: RunningCognate;
  before(async () => {
    cognate = await startCognate({ env: { COGNATE_TOKEN_ISSUER: "aws" } });
  });
  after(() => cognate.close());

  test("id and access tokens from a real sign-in verify with the preloaded JWKS", async () => {
    const cognito = cognate.client();
    const fixture = new SignInFixture(cognate, cognito);
    const poolId = await fixture.pool();
    const { clientId } = await fixture.client(poolId);
    await fixture.confirmedUser(poolId, "linus");
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "linus", PASSWORD } }),
    );
    const jwks = await (await fetch(`${cognate.url}/${poolId}/.well-known/jwks.json`)).json();
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "id", clientId });
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: "access", clientId });
    idVerifier.cacheJwks(jwks);
    accessVerifier.cacheJwks(jwks);
    const claims = await idVerifier.verify(AuthenticationResult!.IdToken!);
    assert.equal(claims.iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    await accessVerifier.verify(AuthenticationResult!.AccessToken!);
  });
});
