import type { Store } from "../ports/store.js";
import { findClientForUnsignedRequest, tokenRevocationEnabled } from "../clients/appClient.js";
import type { ClientRecord } from "../clients/types.js";
import { CognitoError } from "../../errors/cognitoError.js";
import {
  asNotAuthorized,
  asUnauthorized,
  onlyRefreshTokensRevocable,
  tokenOfAnotherClient,
  tokenRevocationDisabled,
} from "../../errors/catalogue.js";
import type { UserRecord } from "../users/types.js";
import { authenticateAccessToken, type AccessTokenDeps, type AccessTokenHolder } from "./accessToken.js";
import { checkClientSecret } from "./clientSecret.js";
import { refreshTokenId } from "./refreshToken.js";
import { LONGEST_TOKEN_LIFETIME_MS } from "./signingKeys.js";

/**
 * GlobalSignOut: signOutEverywhere for the holder of the access token. GlobalSignOut models no
 * UserNotFoundException, so the token of a user deleted since is refused as unauthorized.
 */
export async function signOutWithAccessToken(deps: AccessTokenDeps, accessToken: string, now: Date): Promise<void> {
  let holder: AccessTokenHolder;
  try {
    holder = await authenticateAccessToken(deps, accessToken, now);
  } catch (error) {
    if (error instanceof CognitoError && error.type === "UserNotFoundException") throw asNotAuthorized(error);
    throw error;
  }
  await signOutEverywhere(deps.store, holder.user, now);
}

/**
 * GlobalSignOut and AdminUserGlobalSignOut: every refresh token of the user is revoked, and every ID and
 * access token issued up to now stops working for Cognito's APIs (they still verify locally until they
 * expire). Tokens issued afterwards are unaffected.
 */
export async function signOutEverywhere(store: Store, user: UserRecord, now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.refreshTokens.revokeAllForUser(user.poolId, user.username, now);
    await tx.revocations.signOutUser(user.poolId, user.username, now);
  });
}

/**
 * RevokeToken: the client named, authenticated by its secret when it has one, then revokeRefreshToken.
 * RevokeToken models neither ResourceNotFoundException nor NotAuthorizedException: a client that cannot be
 * found or authenticated is `UnauthorizedException`.
 */
export async function revokeTokenOfClient(
  store: Store,
  request: { clientId: string; clientSecret: string | undefined; token: string; now: Date },
): Promise<void> {
  let client: ClientRecord;
  try {
    client = await findClientForUnsignedRequest(store, request.clientId);
  } catch (error) {
    if (error instanceof CognitoError && error.type === "ResourceNotFoundException") throw asUnauthorized(error);
    throw error;
  }
  checkClientSecret(client, request.clientSecret, "UnauthorizedException");
  await revokeRefreshToken(store, { client, token: request.token, now: request.now });
}

/**
 * RevokeToken once the client is authenticated: the refresh token, and every ID and access token of its
 * authentication (its `origin_jti`, shared by tokens refreshed or rotated from it), stop working. The
 * user's other sessions are unaffected.
 *
 * Unknown tokens are no error (RFC 7009: the client could do nothing about it, and nothing tells a caller
 * which tokens exist); a JWT (an ID or access token) is the wrong kind of token; a refresh token of another
 * client is refused. Revoking a token again changes nothing.
 */
export async function revokeRefreshToken(store: Store, request: { client: ClientRecord; token: string; now: Date }): Promise<void> {
  const { client, token, now } = request;
  if (!tokenRevocationEnabled(client)) throw tokenRevocationDisabled(client.clientId);
  const stored = await store.refreshTokens.get(refreshTokenId(token));
  if (stored === undefined) {
    if (looksLikeJwt(token)) throw onlyRefreshTokensRevocable();
    return;
  }
  if (stored.poolId !== client.poolId || stored.clientId !== client.clientId) throw tokenOfAnotherClient(client.clientId);
  await store.transaction(async (tx) => {
    await tx.refreshTokens.revoke(stored.id, now);
    // ID and access tokens of this authentication may be issued until the refresh token expires, and live
    // at most a day after that: the revocation is needed no longer.
    await tx.revocations.revokeOrigin(stored.poolId, stored.originJti, new Date(stored.expiresAt.getTime() + LONGEST_TOKEN_LIFETIME_MS));
  });
}

/** Three base64url segments, the first a JSON header: what ID and access tokens look like (refresh tokens have five). */
function looksLikeJwt(token: string): boolean {
  const segments = token.split(".");
  if (segments.length !== 3) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(segments[0]!, "base64url").toString("utf8"));
    return typeof header === "object" && header !== null && "alg" in header;
  } catch {
    return false;
  }
}
