import type { AuthenticationResultType } from "@aws-sdk/client-cognito-identity-provider";
import type { Store } from "../ports/store.js";
import { clientCanReadAttribute } from "../clients/attributePermissions.js";
import { tokenLifetimes } from "../clients/tokenValidity.js";
import { tokenRevocationEnabled } from "../clients/appClient.js";
import type { ClientRecord } from "../clients/types.js";
import {
  invalidRefreshToken,
  refreshTokenExpired,
  refreshTokenRevoked,
  refreshTokenRotated,
  userDisabled,
  userNotFound,
} from "../../errors/catalogue.js";
import { groupsForToken } from "../groups/tokenGroups.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";
import { accessTokenClaims, accessTokenHash, ADMIN_SCOPE, clientCredentialsClaims, idTokenClaims, signJwt, type Authentication, type Issuance } from "./claims.js";
import { newRefreshToken, refreshTokenId } from "./refreshToken.js";
import { activeSigningKey } from "./signingKeys.js";
import type { RefreshTokenRecord } from "./types.js";
import type { TriggerDeps } from "../triggers/run.js";
import { customisedClaims, customisedScope, preTokenGeneration, type ClaimChanges, type TokenSource } from "../triggers/tokenTriggers.js";

/** `local`: the pool's address on Cognate; `aws`: Cognito's own address for the pool. */
export type TokenIssuerForm = "local" | "aws";

/** What issuing tokens needs from the composition root (the handlers' Deps satisfies it). */
export interface TokenDeps extends TriggerDeps {
  store: Store;
  random: Random;
  /** Which form of `iss` tokens carry (see issuerFor). */
  tokenIssuer: TokenIssuerForm;
  /** The base URL clients reach Cognate at. */
  publicUrl(): string;
}

export interface IssueRequest {
  pool: UserPoolRecord;
  client: ClientRecord;
  user: UserRecord;
  now: Date;
  /** A hosted (OAuth) sign-in: the scopes granted and the nonce; absent for the API's sign-ins. */
  hosted?: HostedGrant;
  /** Where the tokens are issued, for the pre token generation trigger; absent: the trigger is not run. */
  tokenSource?: TokenSource;
  /** The device the sign-in came from, in a pool tracking devices: `device_key` and the refresh token's binding. */
  deviceKey?: string;
}

export interface HostedGrant {
  scopes: string[];
  nonce?: string;
  /** Epoch seconds of the sign-in (the code was issued then, the tokens later). */
  authTime: number;
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
export function issuerFor(deps: Pick<TokenDeps, "tokenIssuer" | "publicUrl">, pool: UserPoolRecord): string {
  return issuerForms(deps, pool)[deps.tokenIssuer];
}

/** The pool's issuer in each form, whichever is configured. */
export function issuerForms(deps: Pick<TokenDeps, "publicUrl">, pool: UserPoolRecord): Record<TokenIssuerForm, string> {
  return { local: `${deps.publicUrl()}/${pool.id}`, aws: `https://cognito-idp.${pool.region}.amazonaws.com/${pool.id}` };
}

/**
 * The result of a successful sign-in: ID, access and refresh tokens of a new authentication (new
 * `origin_jti`, `auth_time` now). The refresh token is stored only as its hash.
 */
export async function issueTokens(deps: TokenDeps, request: IssueRequest): Promise<AuthenticationResultType> {
  const { pool, client, user, now } = request;
  const authentication: Authentication = { originJti: deps.random.uuid(), authTime: request.hosted?.authTime ?? epochSeconds(now) };
  const signed = await signTokens(deps, request, authentication);
  const refreshToken = newRefreshToken(deps.random);
  await deps.store.refreshTokens.create({
    id: refreshTokenId(refreshToken),
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    originJti: authentication.originJti,
    authTime: authentication.authTime,
    ...(request.hosted === undefined ? {} : { scopes: request.hosted.scopes }),
    ...(request.deviceKey === undefined ? {} : { deviceKey: request.deviceKey }),
    createdAt: now,
    expiresAt: new Date(now.getTime() + tokenLifetimes(client).refreshSeconds * 1000),
  });
  return {
    AccessToken: signed.accessToken,
    ExpiresIn: signed.expiresIn,
    TokenType: "Bearer",
    RefreshToken: refreshToken,
    ...(signed.idToken === undefined ? {} : { IdToken: signed.idToken }),
  };
}

/** A machine-to-machine access token for the client itself (the client_credentials grant): no ID or refresh token. */
export async function issueClientCredentialsToken(
  deps: TokenDeps,
  request: { pool: UserPoolRecord; client: ClientRecord; scope: string; now: Date },
): Promise<{ accessToken: string; expiresIn: number }> {
  const { pool, client, scope, now } = request;
  const key = await activeSigningKey(deps, pool.id, "access", now);
  const lifetimes = tokenLifetimes(client);
  const claims = clientCredentialsClaims(
    { issuer: issuerFor(deps, pool), clientId: client.clientId, scope, issuedAt: epochSeconds(now) },
    { jti: deps.random.uuid(), lifetimeSeconds: lifetimes.accessSeconds },
  );
  return { accessToken: await signJwt(key, claims), expiresIn: lifetimes.accessSeconds };
}

/**
 * The stored refresh token the client presented, if it may still be used with this client. The first step
 * of a refresh: its `username` (the internal username) is what a client secret's SECRET_HASH is checked
 * against before refreshTokens issues anything.
 *
 * A token is revoked when its authentication was (RevokeToken), when its user signed out everywhere after
 * it was issued (GlobalSignOut), or when it was revoked itself. A token rotated out (tokensFromRefreshToken)
 * keeps working through its client's grace period and then fails as reused.
 */
export async function resolveRefreshToken(deps: { store: Store }, request: RefreshRequest): Promise<RefreshTokenRecord> {
  const { pool, client, refreshToken, now } = request;
  const token = await deps.store.refreshTokens.get(refreshTokenId(refreshToken));
  // A token of another client or pool is as unknown as a made-up one: nothing tells the caller it exists.
  if (token === undefined || token.poolId !== pool.id || token.clientId !== client.clientId) throw invalidRefreshToken();
  if (await authenticationRevoked(deps.store, token)) throw refreshTokenRevoked();
  if (token.revokedAt !== undefined && token.revokedAt.getTime() <= now.getTime()) {
    // Every revocation of an authentication or a user is recorded above; a token of a rotating client
    // that stopped working without one was rotated out.
    if (refreshTokenRotation(client).enabled) throw refreshTokenRotated();
    throw refreshTokenRevoked();
  }
  if (token.expiresAt.getTime() <= now.getTime()) throw refreshTokenExpired();
  return token;
}

/**
 * New ID and access tokens for a resolved refresh token: the user and their groups are read afresh, while
 * `origin_jti` and `auth_time` stay those of the original sign-in. No new refresh token (no rotation).
 */
export async function refreshTokens(
  deps: TokenDeps,
  request: { pool: UserPoolRecord; client: ClientRecord; token: RefreshTokenRecord; now: Date; tokenSource?: TokenSource },
): Promise<AuthenticationResultType> {
  const { pool, token } = request;
  const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, token.username));
  // Deleting a user deletes their refresh tokens, so a token never outlives its user into a namesake; a user
  // deleted since resolveRefreshToken read the token is simply gone.
  if (user === undefined) throw userNotFound();
  if (!user.enabled) throw userDisabled();
  // A hosted sign-in's tokens keep its scopes (and so have an ID token only with openid); no nonce again.
  const hosted = token.scopes === undefined ? undefined : { scopes: token.scopes, authTime: token.authTime };
  const device = token.deviceKey === undefined ? {} : { deviceKey: token.deviceKey };
  const signed = await signTokens(deps, { ...request, user, ...device, ...(hosted === undefined ? {} : { hosted }) }, { originJti: token.originJti, authTime: token.authTime });
  return {
    AccessToken: signed.accessToken,
    ExpiresIn: signed.expiresIn,
    TokenType: "Bearer",
    ...(signed.idToken === undefined ? {} : { IdToken: signed.idToken }),
  };
}

/**
 * GetTokensFromRefreshToken: refreshTokens, and when the client rotates refresh tokens, a new refresh token
 * of the same authentication (a full refresh lifetime from now) while the one presented stops working once
 * the client's grace period is over.
 */
export async function tokensFromRefreshToken(
  deps: TokenDeps,
  request: { pool: UserPoolRecord; client: ClientRecord; token: RefreshTokenRecord; now: Date; tokenSource?: TokenSource },
): Promise<AuthenticationResultType> {
  const { client, token, now } = request;
  const result = await refreshTokens(deps, request);
  const rotation = refreshTokenRotation(client);
  if (!rotation.enabled) return result;
  const refreshToken = newRefreshToken(deps.random);
  await deps.store.transaction(async (tx) => {
    await tx.refreshTokens.create({
      id: refreshTokenId(refreshToken),
      poolId: token.poolId,
      clientId: token.clientId,
      username: token.username,
      originJti: token.originJti,
      authTime: token.authTime,
      ...(token.scopes === undefined ? {} : { scopes: token.scopes }),
      ...(token.deviceKey === undefined ? {} : { deviceKey: token.deviceKey }),
      createdAt: now,
      expiresAt: new Date(now.getTime() + tokenLifetimes(client).refreshSeconds * 1000),
    });
    // Revoking keeps the first time given: retries within the grace period do not extend it.
    await tx.refreshTokens.revoke(token.id, new Date(now.getTime() + rotation.gracePeriodSeconds * 1000));
  });
  return { ...result, RefreshToken: refreshToken };
}

/** RefreshTokenRotation of the client: off unless ENABLED; no grace period unless one is set. */
export function refreshTokenRotation(client: ClientRecord): { enabled: boolean; gracePeriodSeconds: number } {
  const rotation = client.config.RefreshTokenRotation;
  return { enabled: rotation?.Feature === "ENABLED", gracePeriodSeconds: rotation?.RetryGracePeriodSeconds ?? 0 };
}

/** Whether RevokeToken revoked the token's authentication, or its user signed out everywhere since it was issued. */
async function authenticationRevoked(store: Store, token: RefreshTokenRecord): Promise<boolean> {
  if (await store.revocations.isOriginRevoked(token.poolId, token.originJti)) return true;
  const signedOutAt = await store.revocations.signedOutAt(token.poolId, token.username);
  return signedOutAt !== undefined && token.createdAt.getTime() <= signedOutAt.getTime();
}

async function signTokens(
  deps: TokenDeps,
  request: IssueRequest,
  authentication: Authentication,
): Promise<{ idToken?: string; accessToken: string; expiresIn: number }> {
  const { pool, client, user, now, hosted } = request;
  const [userGroups, idKey, accessKey] = await Promise.all([
    groupsForToken(deps.store, pool.id, user.username),
    activeSigningKey(deps, pool.id, "id", now),
    activeSigningKey(deps, pool.id, "access", now),
  ]);
  const grantedScope = hosted === undefined ? ADMIN_SCOPE : hosted.scopes.join(" ");
  const customisation =
    request.tokenSource === undefined
      ? undefined
      : await preTokenGeneration(deps, pool, {
          source: request.tokenSource,
          user,
          clientId: client.clientId,
          groups: userGroups,
          scopes: grantedScope.split(" "),
        });
  const groups = customisation?.groups ?? userGroups;
  const issuance: Issuance = {
    issuer: issuerFor(deps, pool),
    clientId: client.clientId,
    user,
    groups,
    authentication,
    revocable: tokenRevocationEnabled(client),
    eventId: deps.random.uuid(),
    issuedAt: epochSeconds(now),
    scope: customisation === undefined ? grantedScope : customisedScope(grantedScope, customisation),
    ...(hosted?.nonce === undefined ? {} : { nonce: hosted.nonce }),
    ...(request.deviceKey === undefined ? {} : { deviceKey: request.deviceKey }),
  };
  const customised = (claims: Record<string, unknown>, changes: ClaimChanges | undefined) =>
    changes === undefined ? claims : customisedClaims(claims, changes);
  const lifetimes = tokenLifetimes(client);
  const readable = (name: string) => clientCanReadAttribute(client, name);
  const accessToken = await signJwt(
    accessKey,
    customised(accessTokenClaims(issuance, { jti: deps.random.uuid(), lifetimeSeconds: lifetimes.accessSeconds }), customisation?.accessToken),
  );
  // A hosted sign-in has an ID token only with the openid scope, and then binds it to the access token.
  if (hosted !== undefined && !hosted.scopes.includes("openid")) return { accessToken, expiresIn: lifetimes.accessSeconds };
  const idToken = await signJwt(
    idKey,
    customised(
      idTokenClaims(issuance, readable, {
        jti: deps.random.uuid(),
        lifetimeSeconds: lifetimes.idSeconds,
        ...(hosted === undefined ? {} : { atHash: accessTokenHash(accessToken) }),
      }),
      customisation?.idToken,
    ),
  );
  return { idToken, accessToken, expiresIn: lifetimes.accessSeconds };
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
