import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import type { GroupClaims } from "../groups/tokenGroups.js";
import { isTrueValue } from "../users/attributes.js";
import type { UserRecord } from "../users/types.js";
import { privateKeyOf, type SigningKeyRecord } from "./keys.js";

/** What one authentication is: every token issued from it (and its refreshes) shares origin_jti and auth_time. */
export interface Authentication {
  originJti: string;
  /** Epoch seconds of the original sign-in, unchanged on refresh. */
  authTime: number;
}

/** The facts an ID token and an access token issued together share. */
export interface Issuance {
  issuer: string;
  clientId: string;
  user: UserRecord;
  groups: GroupClaims;
  authentication: Authentication;
  /** Whether the client has token revocation on: only then do tokens carry `origin_jti`. */
  revocable: boolean;
  /** One id for the event both tokens come from. */
  eventId: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** The access token's scopes: ADMIN_SCOPE for the API's sign-ins, what was granted for the hosted flows. */
  scope: string;
  /** The authorize request's nonce, echoed in the ID token (OpenID Connect). */
  nonce?: string;
  /** The device the tokens are bound to (a pool tracking devices), as the access token's `device_key`. */
  deviceKey?: string;
}

/** What differs between the two tokens of one issuance. */
export interface TokenIdentity {
  jti: string;
  lifetimeSeconds: number;
}

/** The scope of tokens from the API's sign-in flows: what the user-authorised operations require. */
export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";

/** Attributes that are booleans in tokens, though stored (and listed by the API) as the strings written. */
const BOOLEAN_ATTRIBUTES = new Set(["email_verified", "phone_number_verified"]);

/**
 * The ID token's claims: identity, audience, groups, and the user's attributes the client may read.
 * Verification flags are booleans, `identities` (federated users) the JSON array it holds, every other
 * attribute a string, as in Cognito's tokens.
 */
export function idTokenClaims(
  issuance: Issuance,
  readable: (name: string) => boolean,
  token: TokenIdentity & { atHash?: string },
): Record<string, unknown> {
  const { user, groups } = issuance;
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || !readable(name)) continue;
    attributes[name] = attributeClaim(name, value);
  }
  return {
    ...(token.atHash === undefined ? {} : { at_hash: token.atHash }),
    sub: user.sub,
    ...groupClaims(groups),
    ...(groups.roles.length > 0 ? { "cognito:roles": groups.roles } : {}),
    ...(groups.preferredRole === undefined ? {} : { "cognito:preferred_role": groups.preferredRole }),
    ...attributes,
    iss: issuance.issuer,
    "cognito:username": user.username,
    ...originJti(issuance),
    aud: issuance.clientId,
    event_id: issuance.eventId,
    token_use: "id",
    ...(issuance.nonce === undefined ? {} : { nonce: issuance.nonce }),
    ...times(issuance, token),
  };
}

/** The access token's claims: who, which client, which scope; no attributes and no `aud`. */
export function accessTokenClaims(issuance: Issuance, token: TokenIdentity): Record<string, unknown> {
  return {
    sub: issuance.user.sub,
    ...(issuance.deviceKey === undefined ? {} : { device_key: issuance.deviceKey }),
    ...groupClaims(issuance.groups),
    iss: issuance.issuer,
    client_id: issuance.clientId,
    ...originJti(issuance),
    event_id: issuance.eventId,
    token_use: "access",
    scope: issuance.scope,
    ...times(issuance, token),
    username: issuance.user.username,
  };
}

/**
 * A client_credentials access token: the client is the subject, and there is no user, group, `username` or
 * `origin_jti` (nothing to revoke but the token itself). `version: 2` as Cognito's machine tokens carry.
 */
export function clientCredentialsClaims(
  grant: { issuer: string; clientId: string; scope: string; issuedAt: number },
  token: TokenIdentity,
): Record<string, unknown> {
  return {
    sub: grant.clientId,
    token_use: "access",
    scope: grant.scope,
    auth_time: grant.issuedAt,
    iss: grant.issuer,
    exp: grant.issuedAt + token.lifetimeSeconds,
    iat: grant.issuedAt,
    version: 2,
    jti: token.jti,
    client_id: grant.clientId,
  };
}

/** OpenID Connect's `at_hash`: the left half of the access token's SHA-256, base64url. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash("sha256").update(accessToken, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}

/** A compact JWS, header `{kid, alg}` exactly as Cognito's (no `typ`). */
export function signJwt(key: SigningKeyRecord, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: "RS256" }).sign(privateKeyOf(key));
}

function attributeClaim(name: string, value: string): unknown {
  if (BOOLEAN_ATTRIBUTES.has(name)) return isTrueValue(value);
  if (name === "identities") {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function groupClaims(groups: GroupClaims): Record<string, unknown> {
  return groups.groups.length > 0 ? { "cognito:groups": groups.groups } : {};
}

function originJti(issuance: Issuance): Record<string, unknown> {
  return issuance.revocable ? { origin_jti: issuance.authentication.originJti } : {};
}

function times(issuance: Issuance, token: TokenIdentity): Record<string, unknown> {
  return {
    auth_time: issuance.authentication.authTime,
    exp: issuance.issuedAt + token.lifetimeSeconds,
    iat: issuance.issuedAt,
    jti: token.jti,
  };
}
