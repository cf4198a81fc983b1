import { oauthInvalidGrant, oauthUnauthorizedClient, oauthUnsupportedGrantType } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { ClientInPool } from "../clients/types.js";
import { issueClientCredentialsToken, issueTokens, resolveRefreshToken, tokensFromRefreshToken, type TokenDeps } from "../tokens/issue.js";
import { usernameKey } from "../users/aliases.js";
import { authorizationCodeId, verifierMatches } from "./authorize.js";
import { authenticateClient, basicCredentials } from "./clientAuthentication.js";
import { optionalField, requiredField, type FormFields } from "./form.js";
import { clientCredentialsScopes, parseScope } from "./scopes.js";

/** The grants the token endpoint serves. */
export const GRANT_TYPES = ["authorization_code", "client_credentials", "refresh_token"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** The token endpoint's success body, member names as RFC 6749 §5.1 and Cognito write them. */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: "Bearer";
}

export interface TokenRequest {
  form: FormFields;
  authorization: string | undefined;
  now: Date;
}

/** The request's grant type, or `invalid_request` / `unsupported_grant_type`. */
export function grantTypeOf(form: FormFields): GrantType {
  const grantType = requiredField(form, "grant_type");
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) throw oauthUnsupportedGrantType();
  return grantType as GrantType;
}

/**
 * POST /oauth2/token: authenticates the client (HTTP Basic or form fields), then grants. Every failure is an
 * OAuthError; the domain's own refusals of a refresh token (revoked, expired, rotated, user disabled) are all
 * `invalid_grant`, as Cognito answers them there.
 */
export async function grantTokens(deps: TokenDeps, request: TokenRequest): Promise<TokenResponse> {
  const { form, now } = request;
  const grantType = grantTypeOf(form);
  const caller = await authenticateClient(deps.store, {
    basic: basicCredentials(request.authorization),
    formClientId: optionalField(form, "client_id"),
    formClientSecret: optionalField(form, "client_secret"),
  });
  switch (grantType) {
    case "client_credentials":
      return clientCredentialsGrant(deps, caller, form, now);
    case "refresh_token":
      return refreshTokenGrant(deps, caller, requiredField(form, "refresh_token"), now);
    case "authorization_code":
      return authorizationCodeGrant(deps, caller, form, now);
  }
}

/**
 * The code of a hosted sign-in, exchanged once: it must be the client's, unexpired, asked for with the same
 * redirect_uri, and when the authorize request carried a PKCE challenge, the verifier must match it. The code
 * is gone after the first attempt, right or wrong, so it can never be replayed.
 */
async function authorizationCodeGrant(deps: TokenDeps, { pool, client }: ClientInPool, form: FormFields, now: Date): Promise<TokenResponse> {
  const code = requiredField(form, "code");
  const redirectUri = requiredField(form, "redirect_uri");
  const verifier = optionalField(form, "code_verifier");
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !(client.config.AllowedOAuthFlows ?? []).includes("code")) {
    throw oauthUnauthorizedClient();
  }
  const stored = await deps.store.authorizationCodes.take(authorizationCodeId(code));
  if (
    stored === undefined ||
    stored.poolId !== pool.id ||
    stored.clientId !== client.clientId ||
    stored.expiresAt.getTime() <= now.getTime() ||
    stored.redirectUri !== redirectUri ||
    (stored.codeChallenge !== undefined && (verifier === undefined || !verifierMatches(stored.codeChallenge, verifier)))
  ) {
    throw oauthInvalidGrant();
  }
  const user = await deps.store.users.getByUsernameKey(pool.id, usernameKey(pool, stored.username));
  if (user === undefined || !user.enabled) throw oauthInvalidGrant();
  const hosted = { scopes: stored.scopes, authTime: stored.authTime, ...(stored.nonce === undefined ? {} : { nonce: stored.nonce }) };
  let result: Awaited<ReturnType<typeof issueTokens>>;
  try {
    // Tokens of a managed-login sign-in (the form's or a federated one) pass the pre token generation trigger as HostedAuth.
    result = await issueTokens(deps, { pool, client, user, now, hosted, tokenSource: "HostedAuth" });
  } catch (error) {
    // A pre token generation function that fails ends the grant as a refused code does (docs/behaviour.md#federated-sign-in).
    throw error instanceof CognitoError ? oauthInvalidGrant() : error;
  }
  return {
    ...(result.IdToken === undefined ? {} : { id_token: result.IdToken }),
    access_token: result.AccessToken!,
    refresh_token: result.RefreshToken!,
    expires_in: result.ExpiresIn!,
    token_type: "Bearer",
  };
}

async function clientCredentialsGrant(deps: TokenDeps, { pool, client }: ClientInPool, form: FormFields, now: Date): Promise<TokenResponse> {
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true || !(client.config.AllowedOAuthFlows ?? []).includes("client_credentials")) {
    throw oauthUnauthorizedClient();
  }
  const scopes = await clientCredentialsScopes(deps.store, client, parseScope(optionalField(form, "scope")));
  const { accessToken, expiresIn } = await issueClientCredentialsToken(deps, { pool, client, scope: scopes.join(" "), now });
  return { access_token: accessToken, expires_in: expiresIn, token_type: "Bearer" };
}

/**
 * New tokens for a refresh token of the client, following the client's rotation setting: a new refresh
 * token only when rotation is on (docs/behaviour.md#oauth-20-endpoints).
 */
async function refreshTokenGrant(deps: TokenDeps, { pool, client }: ClientInPool, refreshToken: string, now: Date): Promise<TokenResponse> {
  try {
    const token = await resolveRefreshToken(deps, { pool, client, refreshToken, now });
    const result = await tokensFromRefreshToken(deps, { pool, client, token, now });
    return {
      ...(result.IdToken === undefined ? {} : { id_token: result.IdToken }),
      access_token: result.AccessToken!,
      ...(result.RefreshToken === undefined ? {} : { refresh_token: result.RefreshToken }),
      expires_in: result.ExpiresIn!,
      token_type: "Bearer",
    };
  } catch (error) {
    throw error instanceof CognitoError ? oauthInvalidGrant() : error;
  }
}
