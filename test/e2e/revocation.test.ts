import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  ResourceNotFoundException,
  RevokeTokenCommand,
  UnauthorizedException,
  UnsupportedOperationException,
  UnsupportedTokenTypeException,
  UserNotFoundException,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, secretHash, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`revoking tokens: GlobalSignOut, AdminUserGlobalSignOut, RevokeToken, expiry (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function signIn(clientId: string, username: string, extra: Record<string, string> = {}): Promise<Required<AuthenticationResultType>> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD, ...extra } }),
      );
      return reply.AuthenticationResult as Required<AuthenticationResultType>;
    }

    async function signedInUser(username: string, client: Parameters<SignInFixture["client"]>[1] = {}) {
      const poolId = await fixture.pool();
      const { clientId, secret } = await fixture.client(poolId, client);
      await fixture.confirmedUser(poolId, username);
      const tokens = await signIn(clientId, username, secret === undefined ? {} : { SECRET_HASH: secretHash(secret, username, clientId) });
      return { poolId, clientId, secret, tokens };
    }

    const getUser = (accessToken: string) => cognito.send(new GetUserCommand({ AccessToken: accessToken }));
    const refresh = (clientId: string, refreshToken: string) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: refreshToken } }));

    const revoked = (call: Promise<unknown>) => rejectsWith(call, NotAuthorizedException, "Access Token has been revoked");
    const refreshRevoked = (call: Promise<unknown>) => rejectsWith(call, NotAuthorizedException, "Refresh Token has been revoked");

    test("GlobalSignOut ends every session of the user for Cognito's APIs; a sign-in afterwards works", async () => {
      const { clientId, tokens } = await signedInUser("ann");
      const second = await signIn(clientId, "ann");
      await cognito.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));

      for (const session of [tokens, second]) {
        await revoked(getUser(session.AccessToken));
        await refreshRevoked(refresh(clientId, session.RefreshToken));
        await refreshRevoked(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: session.RefreshToken })));
      }
      await revoked(cognito.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken })));

      // Tokens issued in the sign-out's second count as issued before it.
      await fixture.advanceClock(1);
      const fresh = await signIn(clientId, "ann");
      assert.equal((await getUser(fresh.AccessToken)).Username, "ann");
      assert.ok((await refresh(clientId, fresh.RefreshToken)).AuthenticationResult?.AccessToken);
    });

    test("GlobalSignOut with the token of a deleted user is refused as unauthorized", async () => {
      const { poolId, tokens } = await signedInUser("abe");
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: "abe" }));
      await rejectsWith(cognito.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken })), NotAuthorizedException, "User does not exist.");
    });

    test("AdminUserGlobalSignOut does the same for a user named by an administrator", async () => {
      const { poolId, clientId, tokens } = await signedInUser("bea");
      await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "bea" }));
      await revoked(getUser(tokens.AccessToken));
      await refreshRevoked(refresh(clientId, tokens.RefreshToken));

      await rejectsWith(
        cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "nobody" })),
        UserNotFoundException,
        "User does not exist.",
      );
      await rejectsWith(
        cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: "us-east-1_nowhere00", Username: "bea" })),
        ResourceNotFoundException,
        "User pool us-east-1_nowhere00 does not exist.",
      );
    });

    test("RevokeToken ends one session, its refreshed tokens included, and leaves the others", async () => {
      const { clientId, tokens } = await signedInUser("cid");
      const other = await signIn(clientId, "cid");
      const refreshed = (await refresh(clientId, tokens.RefreshToken)).AuthenticationResult!;

      await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken }));
      await revoked(getUser(tokens.AccessToken));
      await revoked(getUser(refreshed.AccessToken!));
      await refreshRevoked(refresh(clientId, tokens.RefreshToken));

      assert.equal((await getUser(other.AccessToken)).Username, "cid");
      assert.ok((await refresh(clientId, other.RefreshToken)).AuthenticationResult?.AccessToken);
      await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken }));
    });

    test("RevokeToken authenticates a client with a secret by the secret itself", async () => {
      const { clientId, secret, tokens } = await signedInUser("dan", { GenerateSecret: true });
      const revoke = (clientSecret?: string) =>
        cognito.send(
          new RevokeTokenCommand({ ClientId: clientId, Token: tokens.RefreshToken, ...(clientSecret === undefined ? {} : { ClientSecret: clientSecret }) }),
        );
      await rejectsWith(revoke(), UnauthorizedException, `Client ${clientId} is configured for secret but secret was not received`);
      await rejectsWith(revoke(`${secret!.slice(0, -1)}x`), UnauthorizedException, `Unable to verify secret for client ${clientId}`);
      await revoke(secret);
      await revoked(getUser(tokens.AccessToken));

      const plain = await signedInUser("dax");
      await rejectsWith(
        cognito.send(
          new RevokeTokenCommand({ ClientId: plain.clientId, Token: plain.tokens.RefreshToken, ClientSecret: "unexpectedsecretvalue0123456789" }),
        ),
        InvalidParameterException,
        `Client ${plain.clientId} is not configured for secret but secret was received`,
      );
    });

    test("RevokeToken refuses another client's token, an access token, and a client without revocation; an unknown token is no error", async () => {
      const { poolId, clientId, tokens } = await signedInUser("eli");
      const { clientId: otherClient } = await fixture.client(poolId);
      await rejectsWith(
        cognito.send(new RevokeTokenCommand({ ClientId: otherClient, Token: tokens.RefreshToken })),
        UnauthorizedException,
        `The token was not issued to client ${otherClient}`,
      );
      await rejectsWith(
        cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: tokens.AccessToken })),
        UnsupportedTokenTypeException,
        "Only refresh tokens can be revoked",
      );
      await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: "not.a.token.we.issued" }));
      assert.equal((await getUser(tokens.AccessToken)).Username, "eli", "nothing was revoked");

      const { clientId: noRevocation } = await fixture.client(poolId, { EnableTokenRevocation: false });
      const session = await signIn(noRevocation, "eli");
      await rejectsWith(
        cognito.send(new RevokeTokenCommand({ ClientId: noRevocation, Token: session.RefreshToken })),
        UnsupportedOperationException,
        `Token revocation is not enabled for client ${noRevocation}`,
      );
      await rejectsWith(
        cognito.send(new RevokeTokenCommand({ ClientId: "nosuchclient0000000000000", Token: session.RefreshToken })),
        UnauthorizedException,
        "User pool client nosuchclient0000000000000 does not exist.",
      );
    });

    test("AdminDisableUser makes the user's access tokens unusable and refreshes answer User is disabled", async () => {
      const { poolId, clientId, tokens } = await signedInUser("fox");
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "fox" }));
      await revoked(getUser(tokens.AccessToken));
      await rejectsWith(refresh(clientId, tokens.RefreshToken), NotAuthorizedException, "User is disabled.");
      await cognito.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "fox" }));
    });

    test("garbage, and an ID token, are invalid access tokens", async () => {
      const { tokens } = await signedInUser("gil");
      for (const token of ["garbage", tokens.IdToken, tokens.RefreshToken]) {
        await rejectsWith(getUser(token), NotAuthorizedException, "Invalid Access Token");
      }
    });

    test("an access token expires by the server's clock", async () => {
      const { clientId, tokens } = await signedInUser("hui", { AccessTokenValidity: 5, TokenValidityUnits: { AccessToken: "minutes" } });
      await fixture.advanceClock(5 * 60);
      await rejectsWith(getUser(tokens.AccessToken), NotAuthorizedException, "Access Token has expired");
      const renewed = (await refresh(clientId, tokens.RefreshToken)).AuthenticationResult!;
      assert.equal((await getUser(renewed.AccessToken!)).Username, "hui");
    });
  });
}
