import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
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
import { newPendingSignIn, openPending, parseObject, pendingAuthorize, sealPending } from "./pendingSignIn.js";

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

/** The provider's authorization address for this sign-in: Cognate's client id there, its scopes, a fresh nonce and the pending request as state. */
export async function providerAuthorizeLocation(
  deps: FederationDeps,
  request: { authorize: AuthorizeRequest; provider: IdentityProviderRecord; now: Date },
): Promise<string> {
  const { authorize, provider, now } = request;
  if (provider.type !== "OIDC") throw oauthInvalidRequest(`sign-in through ${provider.type} providers is not supported yet`);
  const pending = newPendingSignIn(deps, { authorize, provider, now });
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
    const subject = claimText(claims[provider.attributeMapping.username ?? "sub"]);
    const user = await federatedUser(deps, { pool: authorize.pool, provider, subject, claims, now });
    return await signedInAtPage(deps, { authorize, user, now });
  } catch (error) {
    if (!(error instanceof OAuthError || error instanceof CognitoError)) throw error;
    return {
      kind: "refused",
      location: redirectBack(authorize.redirectUri, { error_description: error.message, error: "invalid_request", state: authorize.state }),
    };
  }
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





