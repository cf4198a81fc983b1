import { createHmac, timingSafeEqual } from "node:crypto";
import { oauthInvalidRequest } from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";
import type { AuthorizeRequest } from "../oauth/authorize.js";
import type { Random } from "../random.js";
import { activeSigningKey } from "../tokens/signingKeys.js";

/** A sign-in at the provider must come back within five minutes, as an authorization code must be used. */
export const STATE_LIFETIME_MS = 5 * 60 * 1000;

/**
 * The authorize request waiting for the provider's answer, carried in the `state` Cognate sends the provider
 * (docs/behaviour.md#federated-sign-in): nothing is stored, the value is authenticated with a key derived
 * from the pool's signing key, and the provider's ID token must echo `providerNonce`.
 */
export interface PendingSignIn {
  poolId: string;
  clientId: string;
  provider: string;
  redirectUri: string;
  responseType: "code" | "token";
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  providerNonce: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The authorize request about to go to the provider, good for five minutes; `providerNonce` is fresh. */
export function newPendingSignIn(
  deps: { random: Random },
  request: { authorize: AuthorizeRequest; provider: IdentityProviderRecord; now: Date },
): PendingSignIn {
  const { authorize, provider, now } = request;
  return {
    poolId: authorize.pool.id,
    clientId: authorize.client.clientId,
    provider: provider.name,
    redirectUri: authorize.redirectUri,
    responseType: authorize.responseType,
    scopes: authorize.scopes,
    ...(authorize.state === undefined ? {} : { state: authorize.state }),
    ...(authorize.nonce === undefined ? {} : { nonce: authorize.nonce }),
    ...(authorize.codeChallenge === undefined ? {} : { codeChallenge: authorize.codeChallenge }),
    providerNonce: deps.random.bytes(16).toString("base64url"),
    expiresAt: now.getTime() + STATE_LIFETIME_MS,
  };
}

/** The authorize request a pending sign-in waits to finish, while its client and redirect URI still allow it. */
export async function pendingAuthorize(store: Store, pending: PendingSignIn): Promise<AuthorizeRequest> {
  const client = await store.clients.get(pending.poolId, pending.clientId);
  const pool = await store.pools.get(pending.poolId);
  if (client === undefined || pool === undefined || !(client.config.CallbackURLs ?? []).includes(pending.redirectUri)) {
    throw oauthInvalidRequest("the sign-in's client or redirect_uri is gone");
  }
  return {
    pool,
    client,
    redirectUri: pending.redirectUri,
    responseType: pending.responseType,
    scopes: pending.scopes,
    ...(pending.state === undefined ? {} : { state: pending.state }),
    ...(pending.nonce === undefined ? {} : { nonce: pending.nonce }),
    ...(pending.codeChallenge === undefined ? {} : { codeChallenge: pending.codeChallenge }),
  };
}

/** What a sealed value is for: its key is derived for that purpose, so a value sealed for one never opens as another. */
export type SealPurpose = "federation state" | "saml logout state";

async function stateKey(store: Store, poolId: string, purpose: SealPurpose, now: Date): Promise<Buffer> {
  const key = await activeSigningKey({ store }, poolId, "id", now);
  return createHmac("sha256", key.privateKeyPem).update(`cognate ${purpose}`).digest();
}

/** A value carried by the browser through another party (docs/behaviour.md#federated-sign-in): readable, but authenticated for its pool and purpose. */
export async function sealState(store: Store, purpose: SealPurpose, value: { poolId: string; expiresAt: number }, now: Date): Promise<string> {
  const body = Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
  const mac = createHmac("sha256", await stateKey(store, value.poolId, purpose, now)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

/** The value sealState sealed for this purpose; `oauthInvalidRequest` when forged, of a deleted pool, or expired on `now`. */
export async function openState<T extends { poolId: string; expiresAt: number }>(store: Store, purpose: SealPurpose, state: string | undefined, now: Date): Promise<T> {
  const invalid = () => oauthInvalidRequest("the sign-in's state is invalid or expired");
  const [body, mac, extra] = (state ?? "").split(".");
  if (body === undefined || mac === undefined || extra !== undefined) throw invalid();
  const value = parseObject(Buffer.from(body, "base64url").toString("utf8")) as T | undefined;
  if (value === undefined || typeof value.poolId !== "string" || (await store.pools.get(value.poolId)) === undefined) throw invalid();
  const expected = createHmac("sha256", await stateKey(store, value.poolId, purpose, now)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (typeof value.expiresAt !== "number" || value.expiresAt <= now.getTime()) throw invalid();
  return value;
}

/** The pending sign-in as the opaque value sent to the provider (OIDC `state`, SAML `RelayState`). */
export function sealPending(store: Store, pending: PendingSignIn, now: Date): Promise<string> {
  return sealState(store, "federation state", pending, now);
}

/** The pending sign-in a value made by sealPending carries; refused when forged or expired. */
export function openPending(store: Store, state: string | undefined, now: Date): Promise<PendingSignIn> {
  return openState<PendingSignIn>(store, "federation state", state, now);
}

export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
