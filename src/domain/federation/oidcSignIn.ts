import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload } from "jose";
import { federationFailed, oauthInvalidRequest } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { OAuthError } from "../../errors/oauthError.js";
import type { AuthDeps } from "../auth/types.js";
import type { Store } from "../ports/store.js";
import { requireIdentityProvider, requireIdentityProviderByIdentifier } from "../identityProviders/identityProvider.js";
import { readText, type IdentityProviderRecord, type ProviderHttp } from "../identityProviders/types.js";
import { redirectBack, type AuthorizeRequest } from "../oauth/authorize.js";
import { signedInAtPage, type LoginOutcome } from "../oauth/login.js";
import { claimText, federatedUser } from "./federatedUser.js";
import { newPendingSignIn, openPending, parseObject, pendingAuthorize, sealPending, type PendingSignIn } from "./pendingSignIn.js";
import { isStandInProvider, standInPath } from "./standIn.js";

/** What a federated sign-in needs: issuing tokens, reaching the provider, and Cognate's own address. */
export interface FederationDeps extends AuthDeps {
  providerHttp: ProviderHttp;
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

/** The provider types Cognate signs in through at /oauth2/idpresponse (SAML answers at /saml2/idpresponse). */
const OAUTH_TYPES = new Set(["OIDC", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

/**
 * The provider's authorization address for this sign-in: Cognate's client id there, its scopes, a fresh nonce
 * and the pending request as state. In dev mode a social provider still at its public address goes to
 * Cognate's stand-in page instead (docs/behaviour.md#the-social-provider-stand-in).
 */
export async function providerAuthorizeLocation(
  deps: FederationDeps,
  request: { authorize: AuthorizeRequest; provider: IdentityProviderRecord; now: Date },
): Promise<string> {
  const { authorize, provider, now } = request;
  if (!OAUTH_TYPES.has(provider.type)) throw oauthInvalidRequest(`sign-in through ${provider.type} providers is not supported yet`);
  const pending = newPendingSignIn(deps, { authorize, provider, now });
  const state = await sealPending(deps.store, pending, now);
  if (!deps.secureMode && isStandInProvider(provider)) return `${deps.publicUrl()}${standInPath(provider.name)}?${new URLSearchParams({ state }).toString()}`;
  const scope = provider.details.authorize_scopes!;
  const query = new URLSearchParams({
    response_type: "code",
    client_id: provider.details.client_id!,
    redirect_uri: idpResponseUrl(deps.publicUrl()),
    scope,
    state,
  });
  // Facebook and Login with Amazon are OAuth 2.0 without ID tokens: no nonce to echo.
  if (provider.type !== "Facebook" && provider.type !== "LoginWithAmazon") query.set("nonce", pending.providerNonce);
  // Apple posts its answer when it is asked for the name or email (docs/behaviour.md#social-providers).
  if (provider.type === "SignInWithApple" && /\b(name|email)\b/.test(scope)) query.set("response_mode", "form_post");
  const base = provider.details.authorize_url!;
  return `${base}${base.includes("?") ? "&" : "?"}${query.toString()}`;
}

/**
 * GET (or, from Sign in with Apple, POST) /oauth2/idpresponse: the provider's answer. A state Cognate did not
 * make (or made more than five minutes ago) cannot be trusted to redirect anywhere and is refused on a page;
 * any other failure goes back to the client's redirect URI as `error=invalid_request`. On success the
 * provider's user is signed in (federatedUser).
 */
export async function finishFederatedSignIn(
  deps: FederationDeps,
  query: { code?: string; state?: string; error?: string; user?: string },
  now: Date,
): Promise<LoginOutcome | { kind: "refused"; location: string }> {
  const pending = await openPending(deps.store, query.state, now);
  return signInWithClaims(deps, pending, now, async (provider) => {
    if (query.error !== undefined || query.code === undefined) throw federationFailed(`the provider answered ${query.error ?? "without a code"}`);
    const claims = await providerClaims(deps, provider, query.code, pending.providerNonce, now);
    return provider.type === "SignInWithApple" ? { ...appleUserClaims(query.user), ...claims } : claims;
  });
}

/**
 * The name Sign in with Apple posts once, beside the code, at a user's first sign-in (`user`:
 * `{"name":{"firstName","lastName"},"email"}`): the claims `firstName`, `lastName` and `name`. Never in the
 * ID token, so it can only be mapped from here.
 */
function appleUserClaims(user: string | undefined): Record<string, string> {
  const name = (parseObject(user ?? "")?.name ?? {}) as Record<string, unknown>;
  const first = typeof name.firstName === "string" ? name.firstName : undefined;
  const last = typeof name.lastName === "string" ? name.lastName : undefined;
  const full = [first, last].filter((part) => part !== undefined && part !== "").join(" ");
  return { ...(first === undefined ? {} : { firstName: first }), ...(last === undefined ? {} : { lastName: last }), ...(full === "" ? {} : { name: full }) };
}

/**
 * The end of every federated sign-in: the claims `claimsOf` gets from the provider become the pool's user
 * (created, refreshed or linked), who is signed in at the page; a refusal goes back to the client.
 */
async function signInWithClaims(
  deps: FederationDeps,
  pending: PendingSignIn,
  now: Date,
  claimsOf: (provider: IdentityProviderRecord) => Promise<Record<string, unknown>>,
): Promise<LoginOutcome | { kind: "refused"; location: string }> {
  const authorize = await pendingAuthorize(deps.store, pending);
  try {
    const provider = await requireIdentityProvider(deps.store, pending.poolId, pending.provider);
    const claims = await claimsOf(provider);
    const subject = claimText(claims[provider.attributeMapping.username ?? "sub"]);
    const user = await federatedUser(deps, { pool: authorize.pool, client: authorize.client, provider, subject, claims, now });
    return await signedInAtPage(deps, { authorize, user, now });
  } catch (error) {
    if (!(error instanceof OAuthError || error instanceof CognitoError)) throw error;
    return {
      kind: "refused",
      location: redirectBack(authorize.redirectUri, { error_description: error.message, error: "invalid_request", state: authorize.state }),
    };
  }
}

/** The sign-in waiting at the stand-in page for this state, when its provider is that page's. */
export async function standInSignIn(deps: FederationDeps, state: string | undefined, providerName: string, now: Date): Promise<{ provider: IdentityProviderRecord; pending: PendingSignIn }> {
  const pending = await openPending(deps.store, state, now);
  const provider = await deps.store.identityProviders.get(pending.poolId, pending.provider);
  if (pending.provider !== providerName || provider === undefined || !isStandInProvider(provider)) throw oauthInvalidRequest("the sign-in's state is invalid or expired");
  return { provider, pending };
}

/** The stand-in page's answer: the identity the developer typed signs in as the provider's would. */
export async function finishStandInSignIn(
  deps: FederationDeps,
  request: { pending: PendingSignIn; claims: Record<string, unknown>; now: Date },
): Promise<LoginOutcome | { kind: "refused"; location: string }> {
  return signInWithClaims(deps, request.pending, request.now, async () => request.claims);
}

/** Where Cognito finds the keys of the ID tokens of Google and Apple (their ProviderDetails name no jwks_uri). */
const SOCIAL_JWKS: Partial<Record<string, string>> = {
  Google: "https://www.googleapis.com/oauth2/v3/certs",
  SignInWithApple: "https://appleid.apple.com/auth/keys",
};

/**
 * The user's claims (docs/behaviour.md#social-providers). OIDC, Google and Apple: the code exchanged at the
 * token endpoint (client_secret_post; Apple's secret a JWT signed with the provider's key), the ID token
 * checked (signature by the provider's JWKS, issuer, audience, expiry on Cognate's clock, nonce), then the
 * attributes_url answer laid over it. Facebook and Login with Amazon: the code exchanged for an access
 * token, and the attributes_url answer is the claims.
 */
async function providerClaims(deps: FederationDeps, provider: IdentityProviderRecord, code: string, nonce: string, now: Date): Promise<Record<string, unknown>> {
  const tokens = await exchangeCode(deps, provider, code, now);
  if (provider.type === "Facebook" || provider.type === "LoginWithAmazon") {
    if (typeof tokens.access_token !== "string") throw federationFailed("the provider's token endpoint gave no access token");
    const claims = await attributesAnswer(deps, provider, tokens.access_token);
    if (claims === undefined) throw federationFailed("the provider's attributes answer could not be read");
    return claims;
  }
  if (typeof tokens.id_token !== "string") throw federationFailed("the provider's token endpoint gave no ID token");
  const payload = await verifiedIdToken(deps, provider, tokens.id_token, now);
  if (payload.nonce !== nonce) throw federationFailed("the provider's ID token has another nonce");
  if (typeof payload.sub !== "string" || payload.sub === "") throw federationFailed("the provider's ID token has no subject");

  let claims: Record<string, unknown> = { ...payload };
  // Google's default attributes_url is the People API, whose answer is not claims: its ID token says enough.
  const askAttributes = provider.type === "OIDC" || (provider.type === "Google" && provider.details.attributes_url !== GOOGLE_PEOPLE_API);
  if (askAttributes && provider.details.attributes_url !== undefined && typeof tokens.access_token === "string") {
    const userInfo = await attributesAnswer(deps, provider, tokens.access_token);
    if (userInfo === undefined || userInfo.sub !== payload.sub) throw federationFailed("the provider's userinfo answer is not this user's");
    claims = { ...claims, ...userInfo };
  }
  return claims;
}

const GOOGLE_PEOPLE_API = "https://people.googleapis.com/v1/people/me?personFields=";

/** The token endpoint's JSON answer to the code, asked with the provider's `token_request_method` (POST unless GET). */
async function exchangeCode(deps: FederationDeps, provider: IdentityProviderRecord, code: string, now: Date): Promise<Record<string, unknown>> {
  const details = provider.details;
  const secret = provider.type === "SignInWithApple" ? await appleClientSecret(provider, now) : details.client_secret;
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: idpResponseUrl(deps.publicUrl()),
    client_id: details.client_id!,
    ...(secret === undefined ? {} : { client_secret: secret }),
  }).toString();
  const url = details.token_url!;
  const exchange =
    details.token_request_method === "GET"
      ? await deps.providerHttp.request(`${url}${url.includes("?") ? "&" : "?"}${form}`, { method: "GET", headers: { accept: "application/json" } })
      : await deps.providerHttp.request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form });
  const tokens = exchange.status === 200 ? parseObject(exchange.body) : undefined;
  if (tokens === undefined) throw federationFailed("the provider's token endpoint refused the code");
  return tokens;
}

/**
 * Sign in with Apple's client secret: a five-minute ES256 JWT from the team to Apple, signed with the
 * provider's `private_key` under its `key_id`.
 */
async function appleClientSecret(provider: IdentityProviderRecord, now: Date): Promise<string> {
  const { client_id, team_id, key_id, private_key } = provider.details;
  let key: CryptoKey;
  try {
    key = await importPKCS8(private_key!, "ES256");
  } catch {
    throw federationFailed("the provider's private_key is not an ES256 key");
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: key_id! })
    .setIssuer(team_id!)
    .setSubject(client_id!)
    .setAudience("https://appleid.apple.com")
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 300)
    .sign(key);
}

/** The ID token, checked against the provider's keys, issuer (Google also signs as `accounts.google.com`) and client id. */
async function verifiedIdToken(deps: FederationDeps, provider: IdentityProviderRecord, idToken: string, now: Date): Promise<JWTPayload> {
  const details = provider.details;
  const jwksUri = details.jwks_uri ?? SOCIAL_JWKS[provider.type];
  const jwks = jwksUri === undefined ? undefined : (parseObject(await readText(deps.providerHttp, jwksUri).catch(() => "")) as JSONWebKeySet | undefined);
  if (jwks === undefined || !Array.isArray(jwks.keys)) throw federationFailed("the provider's JWKS could not be read");
  const issuers = [details.oidc_issuer!];
  if (provider.type === "Google" && details.oidc_issuer === "https://accounts.google.com") issuers.push("accounts.google.com");
  try {
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), { issuer: issuers, audience: details.client_id!, currentDate: now });
    return payload;
  } catch {
    throw federationFailed("the provider's ID token is invalid");
  }
}

/**
 * The provider's answer at `attributes_url` with the access token as a bearer token: OIDC with its
 * `attributes_request_method`; where `attributes_url_add_attributes` is true (Facebook, Google) the mapped
 * claims and the subject are appended to the address, comma-separated, as Cognito asks for them.
 */
async function attributesAnswer(deps: FederationDeps, provider: IdentityProviderRecord, accessToken: string): Promise<Record<string, unknown> | undefined> {
  const details = provider.details;
  let url = details.attributes_url;
  if (url === undefined) return undefined;
  if (details.attributes_url_add_attributes === "true") url += [...new Set([provider.attributeMapping.username ?? "id", ...Object.values(provider.attributeMapping)])].join(",");
  const answer = await deps.providerHttp.request(url, {
    method: provider.type === "OIDC" && details.attributes_request_method === "POST" ? "POST" : "GET",
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
  });
  return answer.status === 200 ? parseObject(answer.body) : undefined;
}

