import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from "jose";
import type { Store } from "../ports/store.js";
import type { ClientRecord } from "../clients/types.js";
import {
  accessTokenExpired,
  accessTokenRevoked,
  accessTokenWithoutScope,
  clientNotFound,
  invalidAccessToken,
  passwordResetRequired,
  userNotConfirmed,
  userNotFound,
} from "../../errors/catalogue.js";
import type { UserPoolRecord } from "../pools/types.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";
import { ADMIN_SCOPE } from "./claims.js";
import { issuerForms, type TokenDeps } from "./issue.js";
import { publishedKeys } from "./signingKeys.js";

/** The claims of an access token Cognate issued, once verified. */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  /** The internal username. */
  username: string;
  client_id: string;
  token_use: "access";
  scope: string;
  /** Present when the client had token revocation on when the token was issued. */
  origin_jti?: string;
  iat: number;
  exp: number;
}

/** Who presented an access token: the pool, the user (as stored now), the app client it was issued to. */
export interface AccessTokenHolder {
  pool: UserPoolRecord;
  user: UserRecord;
  client: ClientRecord;
  claims: AccessTokenClaims;
}

export type AccessTokenDeps = Pick<TokenDeps, "store" | "publicUrl">;

/**
 * Authenticates the access token a user-authorised operation (GetUser, ChangePassword, …) presents, at
 * `now` (the control clock). In order:
 * - the pool named by `iss` (either issuer form) must exist and have signed it with one of its published
 *   keys, and it must be an access token, else `Invalid Access Token` (nothing tells the caller which check
 *   failed);
 * - it must not have expired (`Access Token has expired`), and must carry the required scope,
 *   `aws.cognito.signin.user.admin` unless said otherwise (`Access Token does not have required scopes`);
 * - its authentication must not have been revoked (RevokeToken), nor the user signed out everywhere at or
 *   after it was issued (GlobalSignOut), nor the user disabled (AdminDisableUser revokes every access
 *   token of the user): `Access Token has been revoked`;
 * - the user must still exist, the same user (`sub`), not a namesake created since: `User does not exist.`;
 *   a user waiting for a password reset or a confirmation gets Cognito's exceptions for those states;
 * - the app client must still exist.
 */
export async function authenticateAccessToken(
  deps: AccessTokenDeps,
  accessToken: string,
  now: Date,
  requiredScope: string = ADMIN_SCOPE,
): Promise<AccessTokenHolder> {
  const pool = await issuingPool(deps.store, accessToken);
  const claims = await verifiedClaims(deps, pool, accessToken, now, requiredScope);
  if (await isRevoked(deps.store, pool, claims)) throw accessTokenRevoked();

  const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, claims.username));
  if (user === undefined || user.sub !== claims.sub) throw userNotFound();
  if (!user.enabled) throw accessTokenRevoked();
  if (user.status === "RESET_REQUIRED") throw passwordResetRequired();
  if (user.status === "UNCONFIRMED") throw userNotConfirmed();

  const client = await deps.store.clients.get(pool.id, claims.client_id);
  if (client === undefined) throw clientNotFound(claims.client_id);
  return { pool, user, client, claims };
}

/** The pool whose id ends the (unverified) `iss` claim; anything unreadable is an invalid token. */
async function issuingPool(store: Store, accessToken: string): Promise<UserPoolRecord> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(accessToken).iss;
  } catch {
    throw invalidAccessToken();
  }
  if (typeof issuer !== "string") throw invalidAccessToken();
  const pool = await store.pools.get(issuer.slice(issuer.lastIndexOf("/") + 1));
  if (pool === undefined) throw invalidAccessToken();
  return pool;
}

async function verifiedClaims(
  deps: AccessTokenDeps,
  pool: UserPoolRecord,
  accessToken: string,
  now: Date,
  requiredScope: string,
): Promise<AccessTokenClaims> {
  const keys = createLocalJWKSet({ keys: await publishedKeys(deps, pool.id, now) });
  // The configured form is the one tokens are issued with; the other is accepted too, so tokens stay
  // usable across a change of the setting (the signature is what proves they are the pool's).
  const issuers = Object.values(issuerForms(deps, pool));
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(accessToken, keys, { issuer: issuers, algorithms: ["RS256"], currentDate: now }));
  } catch (error) {
    // jose checks the signature before the claims: only a genuine token can be reported as expired.
    if (error instanceof errors.JWTExpired) throw accessTokenExpired();
    throw invalidAccessToken();
  }
  if (!isAccessTokenClaims(payload)) throw invalidAccessToken();
  if (!payload.scope.split(" ").includes(requiredScope)) throw accessTokenWithoutScope();
  return payload;
}

function isAccessTokenClaims(payload: JWTPayload): payload is AccessTokenClaims {
  return (
    payload.token_use === "access" &&
    typeof payload.scope === "string" &&
    typeof payload.sub === "string" &&
    typeof payload.username === "string" &&
    typeof payload.client_id === "string" &&
    typeof payload.iat === "number" &&
    (payload.origin_jti === undefined || typeof payload.origin_jti === "string")
  );
}

/**
 * A global sign-out at `at` revokes the tokens issued at or before it. `iat` has whole seconds, so a token
 * issued in the same second as the sign-out counts as issued before it: revoking one too many is the safe
 * side.
 */
async function isRevoked(store: Store, pool: UserPoolRecord, claims: AccessTokenClaims): Promise<boolean> {
  if (claims.origin_jti !== undefined && (await store.revocations.isOriginRevoked(pool.id, claims.origin_jti))) return true;
  const signedOutAt = await store.revocations.signedOutAt(pool.id, claims.username);
  return signedOutAt !== undefined && claims.iat * 1000 <= signedOutAt.getTime();
}
