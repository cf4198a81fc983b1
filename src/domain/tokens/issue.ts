import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import type { TokenIssuerForm } from "../../config/schema.js";
import type { Store } from "../../storage/store.js";
import { clientCanReadAttribute, tokenLifetimes, tokenRevocationEnabled, type ClientRecord } from "../clients/index.js";
import { CognitoError } from "../errors.js";
import { groupsForToken } from "../groups/claims.js";
import type { UserPoolRecord } from "../pools/index.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import { userNotFound } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { accessTokenClaims, idTokenClaims, signJwt, type Authentication, type Issuance } from "./claims.js";
import { newRefreshToken, refreshTokenId } from "./refreshToken.js";
import { activeSigningKey } from "./signingKeys.js";
import type { RefreshTokenRecord } from "./types.js";

/** What issuing tokens needs from the composition root (the handlers' Deps satisfies it). */
export interface TokenDeps {
  store: Store;
  random: Random;
  config: { tokenIssuer: TokenIssuerForm };
  /** The base URL clients reach Cognate at. */
  publicUrl(): string;
}

export interface IssueRequest {
  pool: UserPoolRecord;
  client: ClientRecord;
  user: UserRecord;
  now: Date;
}

export interface RefreshRequest {
  pool: UserPoolRecord;
  client: ClientRecord;
  /** The opaque token as the client sent it. */
  refreshToken: string;
  now: Date;
}

/**
 * The tokens' `iss`: by default where Cognate serves the pool (so the JWKS is found at `<iss>/.well-known/
 * jwks.json`, as verifiers expect); with the "aws" form, Cognito's own address for the pool.
 */
export function issuerFor(deps: Pick<TokenDeps, "config" | "publicUrl">, pool: UserPoolRecord): string {
  return deps.config.tokenIssuer === "aws"
    ? `https://cognito-idp.${pool.region}.amazonaws.com/${pool.id}`
    : `${deps.publicUrl()}/${pool.id}`;
}

/**
 * The result of a successful sign-in: ID, access and refresh tokens of a new authentication (new
 * `origin_jti`, `auth_time` now). The refresh token is stored only as its hash.
 */
export async function issueTokens(deps: TokenDeps, request: IssueRequest): Promise<AuthenticationResultType> {
  const { pool, client, user, now } = request;
  const authentication: Authentication = { originJti: deps.random.uuid(), authTime: epochSeconds(now) };
  const signed = await signTokens(deps, request, authentication);
  const refreshToken = newRefreshToken(deps.random);
  await deps.store.refreshTokens.create({
    id: refreshTokenId(refreshToken),
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    originJti: authentication.originJti,
    authTime: authentication.authTime,
    createdAt: now,
    expiresAt: new Date(now.getTime() + tokenLifetimes(client).refreshSeconds * 1000),
  });
  return {
    AccessToken: signed.accessToken,
    ExpiresIn: signed.expiresIn,
    TokenType: "Bearer",
    RefreshToken: refreshToken,
    IdToken: signed.idToken,
  };
}

/**
 * The stored refresh token the client presented, if it may still be used with this client. The first step
 * of a refresh: its `username` (the internal username) is what a client secret's SECRET_HASH is checked
 * against before refreshTokens issues anything.
 */
export async function resolveRefreshToken(deps: { store: Store }, request: RefreshRequest): Promise<RefreshTokenRecord> {
  const { pool, client, refreshToken, now } = request;
  const token = await deps.store.refreshTokens.get(refreshTokenId(refreshToken));
  // A token of another client or pool is as unknown as a made-up one: nothing tells the caller it exists.
  if (token === undefined || token.poolId !== pool.id || token.clientId !== client.clientId) {
    throw new CognitoError("NotAuthorizedException", "Invalid Refresh Token.");
  }
  if (token.revokedAt !== undefined) throw new CognitoError("NotAuthorizedException", "Refresh Token has been revoked");
  if (token.expiresAt.getTime() <= now.getTime()) throw new CognitoError("NotAuthorizedException", "Refresh Token has expired");
  return token;
}

/**
 * New ID and access tokens for a resolved refresh token: the user and their groups are read afresh, while
 * `origin_jti` and `auth_time` stay those of the original sign-in. No new refresh token (no rotation).
 */
export async function refreshTokens(
  deps: TokenDeps,
  request: { pool: UserPoolRecord; client: ClientRecord; token: RefreshTokenRecord; now: Date },
): Promise<AuthenticationResultType> {
  const { pool, token } = request;
  const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, token.username));
  // Deleting a user deletes their refresh tokens, so a token never outlives its user into a namesake; a user
  // deleted since resolveRefreshToken read the token is simply gone.
  if (user === undefined) throw userNotFound();
  if (!user.enabled) throw new CognitoError("NotAuthorizedException", "User is disabled.");
  const signed = await signTokens(deps, { ...request, user }, { originJti: token.originJti, authTime: token.authTime });
  return { AccessToken: signed.accessToken, ExpiresIn: signed.expiresIn, TokenType: "Bearer", IdToken: signed.idToken };
}

async function signTokens(
  deps: TokenDeps,
  request: IssueRequest,
  authentication: Authentication,
): Promise<{ idToken: string; accessToken: string; expiresIn: number }> {
  const { pool, client, user, now } = request;
  const [groups, idKey, accessKey] = await Promise.all([
    groupsForToken(deps.store, pool.id, user.username),
    activeSigningKey(deps, pool.id, "id", now),
    activeSigningKey(deps, pool.id, "access", now),
  ]);
  const issuance: Issuance = {
    issuer: issuerFor(deps, pool),
    clientId: client.clientId,
    user,
    groups,
    authentication,
    revocable: tokenRevocationEnabled(client),
    eventId: deps.random.uuid(),
    issuedAt: epochSeconds(now),
  };
  const lifetimes = tokenLifetimes(client);
  const readable = (name: string) => clientCanReadAttribute(client, name);
  const [idToken, accessToken] = await Promise.all([
    signJwt(idKey, idTokenClaims(issuance, readable, { jti: deps.random.uuid(), lifetimeSeconds: lifetimes.idSeconds })),
    signJwt(accessKey, accessTokenClaims(issuance, { jti: deps.random.uuid(), lifetimeSeconds: lifetimes.accessSeconds })),
  ]);
  return { idToken, accessToken, expiresIn: lifetimes.accessSeconds };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
