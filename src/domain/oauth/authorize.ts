import { createHash } from "node:crypto";
import { oauthInvalidRequest, oauthInvalidScope, oauthRedirectMismatch, oauthUnauthorizedClient } from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import type { UserRecord } from "../users/types.js";
import { optionalField, requiredField, type FormFields } from "./form.js";
import { parseScope } from "./scopes.js";
import type { AuthorizationCodeRecord } from "./types.js";

/** A checked authorize request: where to send the user back, and what they are signing in for. */
export interface AuthorizeRequest extends ClientInPool {
  responseType: "code" | "token";
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  /** `identity_provider` naming one of the client's external providers: sign in there, not on the login page. */
  identityProvider?: string;
  /** `idp_identifier`: the provider of that identifier, found by the caller. */
  idpIdentifier?: string;
}

/** Codes are good for five minutes (Cognito's documented lifetime). */
const CODE_LIFETIME_MS = 5 * 60 * 1000;

/** Scopes that only mean something with openid (they select ID token and userInfo claims). */
const OPENID_DEPENDENT = ["email", "phone", "profile"];

/**
 * The client and redirect URI of an authorize (or login) request, when both are trusted: the client exists
 * and `redirect_uri` is exactly one of its callback URLs. Otherwise `redirect_mismatch`, which is shown on a
 * page and never redirected: nothing else in the request may be trusted enough to send the browser anywhere.
 */
export async function trustedRedirect(store: Store, query: FormFields): Promise<ClientInPool & { redirectUri: string }> {
  const clientId = optionalField(query, "client_id");
  const redirectUri = optionalField(query, "redirect_uri");
  if (clientId === undefined || redirectUri === undefined) throw oauthRedirectMismatch();
  const client = await store.clients.findById(clientId);
  const pool = client === undefined ? undefined : await store.pools.get(client.poolId);
  if (client === undefined || pool === undefined || !(client.config.CallbackURLs ?? []).includes(redirectUri)) {
    throw oauthRedirectMismatch();
  }
  return { pool, client, redirectUri };
}

/**
 * The rest of the authorize request, once its redirect is trusted; a refusal here is an OAuthError the
 * caller redirects back with `error` and `state` (docs/behaviour.md#managed-login).
 */
export function checkAuthorizeRequest(trusted: ClientInPool & { redirectUri: string }, query: FormFields): AuthorizeRequest {
  const { client } = trusted;
  const responseType = requiredField(query, "response_type");
  if (responseType !== "code" && responseType !== "token") throw oauthInvalidRequest("response_type must be code or token");
  const flow = responseType === "code" ? "code" : "implicit";
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !(client.config.AllowedOAuthFlows ?? []).includes(flow)) {
    throw oauthUnauthorizedClient();
  }
  const allowed = client.config.AllowedOAuthScopes ?? [];
  const scopes = parseScope(optionalField(query, "scope")) ?? allowed;
  if (scopes.length === 0 || scopes.some((scope) => !allowed.includes(scope))) throw oauthInvalidScope();
  if (!scopes.includes("openid") && scopes.some((scope) => OPENID_DEPENDENT.includes(scope))) throw oauthInvalidScope();
  const codeChallenge = optionalField(query, "code_challenge");
  const method = optionalField(query, "code_challenge_method");
  if ((codeChallenge === undefined) !== (method === undefined) || (method !== undefined && method !== "S256")) {
    throw oauthInvalidRequest("PKCE needs code_challenge with code_challenge_method=S256");
  }
  const provider = optionalField(query, "identity_provider");
  if (provider !== undefined && provider !== "COGNITO" && !(client.config.SupportedIdentityProviders ?? []).includes(provider)) {
    throw oauthInvalidRequest("unknown identity_provider");
  }
  const idpIdentifier = optionalField(query, "idp_identifier");
  const state = optionalField(query, "state");
  const nonce = optionalField(query, "nonce");
  return {
    ...trusted,
    responseType,
    scopes,
    ...(state === undefined ? {} : { state }),
    ...(nonce === undefined ? {} : { nonce }),
    ...(codeChallenge === undefined ? {} : { codeChallenge }),
    ...(provider === undefined || provider === "COGNITO" ? {} : { identityProvider: provider }),
    ...(idpIdentifier === undefined || provider !== undefined ? {} : { idpIdentifier }),
  };
}

/** A new authorization code for the signed-in user; only its hash is stored. */
export async function issueAuthorizationCode(
  deps: { store: Store; random: Random },
  request: { authorize: AuthorizeRequest; user: UserRecord; now: Date; authTime: number },
): Promise<string> {
  const { authorize, user, now } = request;
  const code = deps.random.uuid();
  const record: AuthorizationCodeRecord = {
    id: authorizationCodeId(code),
    poolId: authorize.pool.id,
    clientId: authorize.client.clientId,
    username: user.username,
    redirectUri: authorize.redirectUri,
    scopes: authorize.scopes,
    ...(authorize.nonce === undefined ? {} : { nonce: authorize.nonce }),
    ...(authorize.codeChallenge === undefined ? {} : { codeChallenge: authorize.codeChallenge }),
    authTime: request.authTime,
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS),
  };
  await deps.store.authorizationCodes.create(record);
  return code;
}

export function authorizationCodeId(code: string): string {
  return createHash("sha256").update(code, "utf8").digest("base64url");
}

/** PKCE S256: the challenge is the base64url SHA-256 of the verifier. */
export function verifierMatches(challenge: string, verifier: string): boolean {
  return createHash("sha256").update(verifier, "ascii").digest("base64url") === challenge;
}

/** Where the browser goes back to: the redirect URI with the answer's parameters in its query (code) or fragment (token). */
export function redirectBack(redirectUri: string, parameters: Record<string, string | undefined>, inFragment = false): string {
  const encoded = new URLSearchParams(
    Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  if (inFragment) return `${redirectUri}#${encoded}`;
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${encoded}`;
}
