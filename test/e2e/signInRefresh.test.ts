import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminInitiateAuthCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, PASSWORD, secretHash, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`sign-in with a refresh token (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function signedIn(clientId: string, username: string, extra: Record<string, string> = {}): Promise<AuthenticationResultType> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD, ...extra } }),
      );
      return reply.AuthenticationResult!;
    }

    test("REFRESH_TOKEN_AUTH and REFRESH_TOKEN give new ID and access tokens of the same authentication, and no refresh token", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "hana");
      const first = await signedIn(clientId, "hana");
      await fixture.advanceClock(60);
      for (const flow of ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"] as const) {
        const reply = await cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
        );
        assert.deepEqual(reply.ChallengeParameters, {});
        const result = reply.AuthenticationResult!;
        assert.equal(result.RefreshToken, undefined);
        assert.equal(result.TokenType, "Bearer");
        const before = claimsOf(first.IdToken);
        const after = claimsOf(result.IdToken);
        assert.equal(after["cognito:username"], "hana");
        assert.equal(after.auth_time, before.auth_time);
        assert.equal(after.origin_jti, before.origin_jti);
        assert.ok((after.iat as number) >= (before.iat as number) + 60);
      }
    });

    test("AdminInitiateAuth refreshes too", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "ines");
      const first = await signedIn(clientId, "ines");
      const reply = await cognito.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: "REFRESH_TOKEN_AUTH",
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
        }),
      );
      assert.equal(claimsOf(reply.AuthenticationResult!.AccessToken).username, "ines");
    });

    test("a missing REFRESH_TOKEN is named; another client's token is invalid", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      const other = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "jon");
      const first = await signedIn(clientId, "jon");
      await rejectsWith(
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: {} })),
        InvalidParameterException,
        "Missing required parameter REFRESH_TOKEN",
      );
      await rejectsWith(
        cognito.send(
          new InitiateAuthCommand({ ClientId: other.clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
        ),
        NotAuthorizedException,
        "Invalid Refresh Token.",
      );
    });

    test("with a client secret, SECRET_HASH is required and may be computed over the username or the sub", async () => {
      const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
      const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
      await fixture.confirmedUser(poolId, "kai", [{ Name: "preferred_username", Value: "kk" }]);
      const first = await signedIn(clientId, "kk", { SECRET_HASH: secretHash(secret!, "kk", clientId) });
      const sub = claimsOf(first.IdToken).sub as string;
      const refresh = (parameters: Record<string, string>) =>
        cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: first.RefreshToken!, ...parameters } }),
        );
      await rejectsWith(refresh({}), NotAuthorizedException, `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
      await rejectsWith(
        refresh({ SECRET_HASH: secretHash(secret!, "kk", clientId) }),
        NotAuthorizedException,
        `Unable to verify secret hash for client ${clientId}`,
      );
      assert.ok((await refresh({ SECRET_HASH: secretHash(secret!, "kai", clientId) })).AuthenticationResult?.IdToken);
      assert.ok((await refresh({ SECRET_HASH: secretHash(secret!, sub, clientId) })).AuthenticationResult?.IdToken);
    });
  });
}
