import { SignJWT } from "jose";
import { privateKeyOf, type SigningKeyRecord } from "./keys.js";

/** What one authentication is: every token issued from it (and its refreshes) shares origin_jti and auth_time. */
export interface Authentication {
  poolId: string;
  clientId: string;
  username: string;
  sub: string;
  /** Epoch seconds of the original sign-in, unchanged on refresh. */
  authTime: number;
  originJti: string;
  groups: string[];
  roles: string[];
  preferredRole?: string;
}

export interface TokenTimes {
  /** Epoch seconds. */
  issuedAt: number;
  lifetimeSeconds: number;
}

const BOOLEAN_ATTRIBUTES = new Set(["email_verified", "phone_number_verified"]);
/** Attributes that never go into an ID token. */
const NOT_IN_ID_TOKEN = new Set(["sub"]);

/**
 * The ID token's claims: identity, audience, and the user's attributes the client may read. Verification
 * flags are booleans, everything else a string, as in Cognito's tokens.
 */
export function idTokenClaims(
  auth: Authentication,
  attributes: Record<string, string>,
  readable: (name: string) => boolean,
  times: TokenTimes,
  ids: { jti: string; eventId: string; issuer: string },
): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: auth.sub };
  if (auth.groups.length > 0) claims["cognito:groups"] = auth.groups;
  if (auth.roles.length > 0) claims["cognito:roles"] = auth.roles;
  if (auth.preferredRole !== undefined) claims["cognito:preferred_role"] = auth.preferredRole;
  for (const [name, value] of Object.entries(attributes)) {
    if (NOT_IN_ID_TOKEN.has(name) || !readable(name)) continue;
    claims[name] = BOOLEAN_ATTRIBUTES.has(name) ? value === "true" : value;
  }
  return {
    ...claims,
    iss: ids.issuer,
    "cognito:username": auth.username,
    origin_jti: auth.originJti,
    aud: auth.clientId,
    event_id: ids.eventId,
    token_use: "id",
    auth_time: auth.authTime,
    exp: times.issuedAt + times.lifetimeSeconds,
    iat: times.issuedAt,
    jti: ids.jti,
  };
}

/** The access token's claims: who, which client, which scope; no attributes and no `aud`. */
export function accessTokenClaims(
  auth: Authentication,
  times: TokenTimes,
  ids: { jti: string; eventId: string; issuer: string },
): Record<string, unknown> {
  return {
    sub: auth.sub,
    ...(auth.groups.length > 0 ? { "cognito:groups": auth.groups } : {}),
    iss: ids.issuer,
    client_id: auth.clientId,
    origin_jti: auth.originJti,
    event_id: ids.eventId,
    token_use: "access",
    scope: "aws.cognito.signin.user.admin",
    auth_time: auth.authTime,
    exp: times.issuedAt + times.lifetimeSeconds,
    iat: times.issuedAt,
    jti: ids.jti,
    username: auth.username,
  };
}

export function signJwt(key: SigningKeyRecord, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: "RS256" }).sign(privateKeyOf(key));
}
