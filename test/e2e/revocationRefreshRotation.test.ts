import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  RefreshTokenReuseException,
  ResourceNotFoundException,
  UnsupportedOperationException,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, PASSWORD, secretHash, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`GetTokensFromRefreshToken, with and without refresh-token rotation (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function signedInUser(username: string, client: Partial<CreateUserPoolClientRequest> = {}) {
      const poolId = await fixture.pool();
      const { clientId, secret } = await fixture.client(poolId, client);
      await fixture.confirmedUser(poolId, username);
      const reply = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: username, PASSWORD, ...(secret === undefined ? {} : { SECRET_HASH: secretHash(secret, username, clientId) }) },
        }),
      );
      return { poolId, clientId, secret, tokens: reply.AuthenticationResult! };
    }

    const tokensFrom = (clientId: string, refreshToken: string, clientSecret?: string) =>
      cognito.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: clientId,
          RefreshToken: refreshToken,
          ...(clientSecret === undefined ? {} : { ClientSecret: clientSecret }),
        }),
      );

    test("without rotation: new ID and access tokens of the same authentication, no refresh token", async () => {
      const { clientId, tokens } = await signedInUser("ada");
      await fixture.advanceClock(30);
      const { AuthenticationResult: result } = await tokensFrom(clientId, tokens.RefreshToken!);
      assert.equal(result!.RefreshToken, undefined);
      assert.equal(result!.TokenType, "Bearer");
      assert.equal(result!.ExpiresIn, 3600);
      const [before, after] = [claimsOf(tokens.IdToken), claimsOf(result!.IdToken)];
      assert.equal(after.origin_jti, before.origin_jti);
      assert.equal(after.auth_time, before.auth_time);
      assert.ok((after.iat as number) >= (before.iat as number) + 30);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken: result!.AccessToken! }))).Username, "ada");
      assert.ok((await tokensFrom(clientId, tokens.RefreshToken!)).AuthenticationResult?.IdToken, "the refresh token keeps working");
    });

    test("with rotation: a new refresh token each time; the old one works through the grace period, then is refused as reused", async () => {
      const { clientId, tokens } = await signedInUser("bo", { RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 } });
      const first = (await tokensFrom(clientId, tokens.RefreshToken!)).AuthenticationResult!;
      assert.ok(first.RefreshToken !== undefined && first.RefreshToken !== tokens.RefreshToken);
      assert.equal(claimsOf(first.AccessToken).origin_jti, claimsOf(tokens.AccessToken).origin_jti);

      await fixture.advanceClock(5);
      const retried = (await tokensFrom(clientId, tokens.RefreshToken!)).AuthenticationResult!;
      assert.ok(retried.RefreshToken !== undefined, "a retry within the grace period is answered");

      await fixture.advanceClock(5);
      await rejectsWith(tokensFrom(clientId, tokens.RefreshToken!), RefreshTokenReuseException, "Refresh Token has been rotated");
      const second = (await tokensFrom(clientId, first.RefreshToken)).AuthenticationResult!;
      assert.ok(second.RefreshToken !== undefined);
    });

    test("with rotation and no grace period, the presented token stops working at once", async () => {
      const { clientId, tokens } = await signedInUser("cy", { RefreshTokenRotation: { Feature: "ENABLED" } });
      const rotated = (await tokensFrom(clientId, tokens.RefreshToken!)).AuthenticationResult!;
      await rejectsWith(tokensFrom(clientId, tokens.RefreshToken!), RefreshTokenReuseException, "Refresh Token has been rotated");
      assert.ok((await tokensFrom(clientId, rotated.RefreshToken!)).AuthenticationResult?.RefreshToken);
    });

    test("a client that rotates refresh tokens refuses InitiateAuth's REFRESH_TOKEN_AUTH, which cannot rotate", async () => {
      const { clientId, tokens } = await signedInUser("dee", { RefreshTokenRotation: { Feature: "ENABLED" } });
      await rejectsWith(
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
        UnsupportedOperationException,
        "Refresh token rotation is enabled for this client: refresh with GetTokensFromRefreshToken.",
      );
      assert.ok((await tokensFrom(clientId, tokens.RefreshToken!)).AuthenticationResult?.RefreshToken);
    });

    test("a client with a secret is authenticated by ClientSecret", async () => {
      const { clientId, secret, tokens } = await signedInUser("dee", { GenerateSecret: true });
      await rejectsWith(
        tokensFrom(clientId, tokens.RefreshToken!),
        NotAuthorizedException,
        `Client ${clientId} is configured for secret but secret was not received`,
      );
      await rejectsWith(
        tokensFrom(clientId, tokens.RefreshToken!, `${secret!.slice(0, -1)}${secret!.endsWith("a") ? "b" : "a"}`),
        NotAuthorizedException,
        `Unable to verify secret for client ${clientId}`,
      );
      assert.ok((await tokensFrom(clientId, tokens.RefreshToken!, secret)).AuthenticationResult?.AccessToken);
    });

    test("another client's token is invalid, an unknown client is not found, an expired token has expired", async () => {
      const { poolId, clientId, tokens } = await signedInUser("eve", {
        RefreshTokenValidity: 60,
        TokenValidityUnits: { RefreshToken: "minutes" },
      });
      const { clientId: other } = await fixture.client(poolId);
      await rejectsWith(tokensFrom(other, tokens.RefreshToken!), NotAuthorizedException, "Invalid Refresh Token.");
      await rejectsWith(
        tokensFrom("nosuchclient0000000000000", tokens.RefreshToken!),
        ResourceNotFoundException,
        "User pool client nosuchclient0000000000000 does not exist.",
      );
      await fixture.advanceClock(3600);
      await rejectsWith(tokensFrom(clientId, tokens.RefreshToken!), NotAuthorizedException, "Refresh Token has expired");
    });
  });
}
