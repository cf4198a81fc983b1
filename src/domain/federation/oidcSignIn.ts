import { createHmac, timingSafeEqual } from "node:crypto";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import { federationFailed, oauthInvalidRequest } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { OAuthError } from "../../errors/oauthError.js";
import type { AuthDeps } from "../auth/types.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import { requireIdentityProvider, requireIdentityProviderByIdentifier } from "../identityProviders/identityProvider.js";
import { readText, type IdentityProviderRecord, type ProviderHttp } from "../identityProviders/types.js";
import { redirectBack, type AuthorizeRequest } from "../oauth/authorize.js";
import { signedInAtPage, type LoginOutcome } from "../oauth/login.js";
import { activeSigningKey } from "../tokens/signingKeys.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";

/** What a federated sign-in needs: issuing tokens, reaching the provider, and Cognate's own address. */
export interface FederationDeps extends AuthDeps {
  providerHttp: ProviderHttp;
}

/** A sign-in at the provider must come back within five minutes, as an authorization code must be used. */
const STATE_LIFETIME_MS = 5 * 60 * 1000;

/**
 * The authorize request waiting for the provider's answer, carried in the `state` Cognate sends the provider
 * (docs/behaviour.md#federated-sign-in): nothing is stored, the value is authenticated with a key derived
 * from the pool's signing key, and the provider's ID token must echo `providerNonce`.
 */
interface PendingSignIn {
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

/** Where /oauth2/idpresponse is: the redirect URI every provider is given. */
export function idpResponseUrl(publicUrl: string): string {
  return `${publicUrl}/oauth2/idpresponse`;
}

/**
 * The provider an authorize request names (`identity_provider`, or `idp_identifier`), when the client may use
 * it; undefined when the request signs in on Cognate's own page.
 */
export async function requestedProvider(store: Store, authorize: AuthorizeRequest): Promise<IdentityProviderRecord | undefined> {
  const { pool, client } = authorize;
  let provider: IdentityProviderRecord | undefined;
  try {
    if (authorize.identityProvider !== undefined) provider = await requireIdentityProvider(store, pool.id, authorize.identityProvider);
    else if (authorize.idpIdentifier !== undefined) provider = await requireIdentityProviderByIdentifier(store, pool.id, authorize.idpIdentifier);
  } catch {
    throw oauthInvalidRequest("unknown identity_provider");
  }
  if (provider !== undefined && !(client.config.SupportedIdentityProviders ?? []).includes(provider.name)) {
    throw oauthInvalidRequest("unknown identity_provider");
  }
  return provider;
}

/** The provider's authorization address for this sign-in: Cognate's client id there, its scopes, a fresh nonce and the pending request as state. */
export async function providerAuthorizeLocation(
  deps: FederationDeps,
  request: { authorize: AuthorizeRequest; provider: IdentityProviderRecord; now: Date },
): Promise<string> {
  const { authorize, provider, now } = request;
  if (provider.type !== "OIDC") throw oauthInvalidRequest(`sign-in through ${provider.type} providers is not supported yet`);
  const pending: PendingSignIn = {
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
  const query = new URLSearchParams({
    response_type: "code",
    client_id: provider.details.client_id!,
    redirect_uri: idpResponseUrl(deps.publicUrl()),
    scope: provider.details.authorize_scopes!,
    state: await sealPending(deps.store, pending, now),
    nonce: pending.providerNonce,
  });
  const base = provider.details.authorize_url!;
  return `${base}${base.includes("?") ? "&" : "?"}${query.toString()}`;
}

/**
 * GET /oauth2/idpresponse: the provider's answer. A state Cognate did not make (or made more than five
 * minutes ago) cannot be trusted to redirect anywhere and is refused on a page; any other failure goes back
 * to the client's redirect URI as `error=invalid_request`. On success the user `<provider>_<subject>` is
 * created or refreshed and signed in.
 */
export async function finishFederatedSignIn(
  deps: FederationDeps,
  query: { code?: string; state?: string; error?: string },
  now: Date,
): Promise<LoginOutcome | { kind: "refused"; location: string }> {
  const pending = await openPending(deps.store, query.state, now);
  const authorize = await pendingAuthorize(deps.store, pending);
  try {
    if (query.error !== undefined || query.code === undefined) throw federationFailed(`the provider answered ${query.error ?? "without a code"}`);
    const provider = await requireIdentityProvider(deps.store, pending.poolId, pending.provider);
    const claims = await providerClaims(deps, provider, query.code, pending.providerNonce, now);
    const user = await federatedUser(deps, { pool: authorize.pool, provider, claims, now });
    return await signedInAtPage(deps, { authorize, user, now });
  } catch (error) {
    if (!(error instanceof OAuthError || error instanceof CognitoError)) throw error;
    return {
      kind: "refused",
      location: redirectBack(authorize.redirectUri, { error_description: error.message, error: "invalid_request", state: authorize.state }),
    };
  }
}

async function pendingAuthorize(store: Store, pending: PendingSignIn): Promise<AuthorizeRequest> {
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

/**
 * The user's claims: the code exchanged at the token endpoint (client_secret_post), the ID token checked
 * (signature by the provider's JWKS, issuer, audience, expiry on Cognate's clock, nonce), then the userinfo
 * answer laid over it, asked with the configured method.
 */
async function providerClaims(deps: FederationDeps, provider: IdentityProviderRecord, code: string, nonce: string, now: Date): Promise<Record<string, unknown>> {
  const details = provider.details;
  const exchange = await deps.providerHttp.request(details.token_url!, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: idpResponseUrl(deps.publicUrl()),
      client_id: details.client_id!,
      ...(details.client_secret === undefined ? {} : { client_secret: details.client_secret }),
    }).toString(),
  });
  const tokens = parseObject(exchange.body);
  if (exchange.status !== 200 || typeof tokens?.id_token !== "string") throw federationFailed("the provider's token endpoint gave no ID token");

  const jwks = parseObject(await readText(deps.providerHttp, details.jwks_uri!).catch(() => "")) as JSONWebKeySet | undefined;
  if (jwks === undefined || !Array.isArray(jwks.keys)) throw federationFailed("the provider's JWKS could not be read");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), {
      issuer: details.oidc_issuer!,
      audience: details.client_id!,
      currentDate: now,
    }));
  } catch {
    throw federationFailed("the provider's ID token is invalid");
  }
  if (payload.nonce !== nonce) throw federationFailed("the provider's ID token has another nonce");
  if (typeof payload.sub !== "string" || payload.sub === "") throw federationFailed("the provider's ID token has no subject");

  let claims: Record<string, unknown> = { ...payload };
  if (details.attributes_url !== undefined && typeof tokens.access_token === "string") {
    const post = details.attributes_request_method === "POST";
    const answer = await deps.providerHttp.request(details.attributes_url, {
      method: post ? "POST" : "GET",
      headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" },
    });
    const userInfo = answer.status === 200 ? parseObject(answer.body) : undefined;
    if (userInfo === undefined || userInfo.sub !== payload.sub) throw federationFailed("the provider's userinfo answer is not this user's");
    claims = { ...claims, ...userInfo };
  }
  return claims;
}

/**
 * Creates the pool's user for this identity, or refreshes the mapped attributes of the one a former sign-in
 * created (Cognito updates them at every federated sign-in), and keeps it in the `<pool id>_<provider>` group.
 */
async function federatedUser(
  deps: FederationDeps,
  request: { pool: UserPoolRecord; provider: IdentityProviderRecord; claims: Record<string, unknown>; now: Date },
): Promise<UserRecord> {
  const { pool, provider, claims, now } = request;
  const subject = claimText(claims[provider.attributeMapping.username ?? "sub"]);
  if (subject === undefined || subject === "") throw federationFailed("the provider named no subject");
  const username = `${provider.name}_${subject}`;
  const mapped: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (attribute === "username") continue;
    const value = claimText(claims[claim]);
    if (value !== undefined) mapped[attribute] = value;
  }

  const key = usernameKey(pool, username);
  const existing = await deps.store.users.getByUsernameKey(pool.id, key);
  let user: UserRecord;
  if (existing === undefined) {
    const sub = deps.random.uuid();
    // The attribute's JSON as Cognito writes it (docs/behaviour.md#federated-sign-in).
    const identities = JSON.stringify([
      { userId: subject, providerName: provider.name, providerType: provider.type, issuer: null, primary: "true", dateCreated: String(now.getTime()) },
    ]);
    user = {
      poolId: pool.id,
      username,
      usernameKey: key,
      sub,
      status: "EXTERNAL_PROVIDER",
      enabled: true,
      attributes: { sub, ...mapped, identities },
      aliases: {},
      createdAt: now,
      lastModifiedAt: now,
    };
    await deps.store.users.create(user);
  } else {
    if (!existing.enabled) throw federationFailed("User is disabled.");
    user = { ...existing, attributes: { ...existing.attributes, ...mapped }, lastModifiedAt: now };
    await deps.store.users.update(user);
  }
  await joinProviderGroup(deps.store, pool.id, provider.name, user.username, now);
  return user;
}

async function joinProviderGroup(store: Store, poolId: string, providerName: string, username: string, now: Date): Promise<void> {
  const name = `${poolId}_${providerName}`;
  if ((await store.groups.get(poolId, name)) === undefined) {
    try {
      await store.groups.create({ poolId, name, createdAt: now, lastModifiedAt: now });
    } catch (error) {
      if (!(error instanceof StorageConflictError)) throw error;
    }
  }
  await store.groups.addMember(poolId, name, username);
}

/** A claim as an attribute value: strings as they are, numbers and booleans written out, objects as JSON. */
function claimText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function stateKey(store: Store, poolId: string, now: Date): Promise<Buffer> {
  const key = await activeSigningKey({ store }, poolId, "id", now);
  return createHmac("sha256", key.privateKeyPem).update("cognate federation state").digest();
}

async function sealPending(store: Store, pending: PendingSignIn, now: Date): Promise<string> {
  const body = Buffer.from(JSON.stringify(pending), "utf8").toString("base64url");
  const mac = createHmac("sha256", await stateKey(store, pending.poolId, now)).update(body).digest("base64url");
  return `${body}.${mac}`;
}

async function openPending(store: Store, state: string | undefined, now: Date): Promise<PendingSignIn> {
  const invalid = () => oauthInvalidRequest("the sign-in's state is invalid or expired");
  const [body, mac, extra] = (state ?? "").split(".");
  if (body === undefined || mac === undefined || extra !== undefined) throw invalid();
  const pending = parseObject(Buffer.from(body, "base64url").toString("utf8")) as PendingSignIn | undefined;
  if (pending === undefined || typeof pending.poolId !== "string" || (await store.pools.get(pending.poolId)) === undefined) throw invalid();
  const expected = createHmac("sha256", await stateKey(store, pending.poolId, now)).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (typeof pending.expiresAt !== "number" || pending.expiresAt <= now.getTime()) throw invalid();
  return pending;
}
