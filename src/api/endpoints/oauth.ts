import type { QuotaCategory, RateLimits } from "../../config/rateLimits.js";
import { oauthRateExceeded } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { OAuthError } from "../../errors/oauthError.js";
import { checkAuthorizeRequest, redirectBack, trustedRedirect, type AuthorizeRequest } from "../../domain/oauth/authorize.js";
import type { FormFields } from "../../domain/oauth/form.js";
import { csrfMatches, newCsrfToken, signInAtLogin } from "../../domain/oauth/login.js";
import { finishFederatedSignIn, providerAuthorizeLocation, requestedProvider } from "../../domain/federation/oidcSignIn.js";
import { logoutLocation } from "../../domain/oauth/logout.js";
import { revokeAtEndpoint } from "../../domain/oauth/revoke.js";
import { userInfo } from "../../domain/oauth/userInfo.js";
import { grantTokens, grantTypeOf, type GrantType, type TokenResponse } from "../../domain/oauth/tokenGrant.js";
import { takeCategoryRate } from "../throttle/throttle.js";
import type { Deps, RequestContext } from "../types.js";

/**
 * Which quota each grant counts against: client_credentials has its own category (ClientAuthentication);
 * the grants of a signed-in user count as sign-ins (docs/behaviour.md#oauth-20-endpoints).
 */
const GRANT_CATEGORIES: Readonly<Record<GrantType, QuotaCategory>> = {
  authorization_code: "UserAuthentication",
  client_credentials: "ClientAuthentication",
  refresh_token: "UserAuthentication",
};

/** POST /oauth2/token, after the HTTP layer has read the form and the Authorization header. */
export async function tokenEndpoint(
  deps: Deps,
  rateLimits: RateLimits,
  request: { form: FormFields; authorization: string | undefined },
  ctx: RequestContext,
): Promise<TokenResponse> {
  const grantType = grantTypeOf(request.form);
  // Quotas count real seconds, as the API pipeline's do.
  if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, GRANT_CATEGORIES[grantType], ctx.region, new Date()))) {
    throw oauthRateExceeded();
  }
  return grantTokens(deps, { ...request, now: ctx.now });
}

/** What a managed-login request answers: a redirect, the sign-in form, an error page or a message page. */
export type PageAnswer =
  | { kind: "redirect"; location: string }
  | { kind: "login"; status: number; csrf: string; action: string; error?: string; username?: string; providers?: Array<{ name: string; href: string }> }
  | { kind: "error"; status: number; reason: string }
  | { kind: "message"; status: number; title: string; text: string };

interface PageRequest {
  /** The request's query fields, and the query string as sent (the login form posts back to it). */
  query: FormFields;
  rawQuery: string;
}

/**
 * GET /oauth2/authorize: a request whose client and redirect_uri are trusted is sent to the login page with
 * the same query (the managed-login session is not kept yet, so every authorization signs in); an error
 * after that goes back to the redirect URI as `error` with `state`; an untrusted one gets an error page.
 */
export async function authorizeEndpoint(deps: Deps, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return withAuthorizeRequest(deps, request, async (authorize) => {
    // identity_provider or idp_identifier: straight to that provider (docs/behaviour.md#federated-sign-in).
    try {
      const provider = await requestedProvider(deps.store, authorize);
      if (provider === undefined) return { kind: "redirect", location: `/login?${request.rawQuery}` };
      return { kind: "redirect", location: await providerAuthorizeLocation(deps, { authorize, provider, now: ctx.now }) };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return { kind: "redirect", location: redirectBack(authorize.redirectUri, { error: error.type, state: authorize.state }) };
    }
  });
}

/** GET /oauth2/idpresponse: an identity provider's answer; back to the client, or an error page when its state is not Cognate's. */
export async function idpResponseEndpoint(deps: Deps, query: FormFields, ctx: RequestContext): Promise<PageAnswer> {
  const field = (name: string) => query[name]?.[0];
  try {
    const location = await finishFederatedSignIn(
      deps,
      {
        ...(field("code") === undefined ? {} : { code: field("code")! }),
        ...(field("state") === undefined ? {} : { state: field("state")! }),
        ...(field("error") === undefined ? {} : { error: field("error")! }),
      },
      ctx.now,
    );
    return { kind: "redirect", location };
  } catch (error) {
    if (error instanceof OAuthError) return { kind: "error", status: 400, reason: error.type };
    throw error;
  }
}

/** GET /login: the sign-in form with a new CSRF token (the HTTP layer sets the matching cookie). */
export async function loginPageEndpoint(deps: Deps, request: PageRequest): Promise<PageAnswer> {
  return withAuthorizeRequest(deps, request, async (authorize) => loginForm(deps, request, authorize));
}

/**
 * POST /login (the classic form contract: `username`, `password`, `_csrf`): the CSRF token must match its
 * cookie; then the same sign-in as the API's, and on success back to the client with a code or tokens.
 */
export async function loginSubmitEndpoint(
  deps: Deps,
  rateLimits: RateLimits,
  request: PageRequest & { form: FormFields; csrfCookie: string | undefined },
  ctx: RequestContext,
): Promise<PageAnswer> {
  return withAuthorizeRequest(deps, request, async (authorize) => {
    const field = (name: string) => request.form[name]?.[0];
    const username = field("username") ?? "";
    if (!csrfMatches(request.csrfCookie, field("_csrf"))) {
      return loginForm(deps, request, authorize, { status: 403, error: "Your sign-in form expired. Please try again.", username });
    }
    const password = field("password") ?? "";
    if (username === "" || password === "") {
      return loginForm(deps, request, authorize, { status: 400, error: "Username and password are required.", username });
    }
    if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, "UserAuthentication", ctx.region, new Date()))) {
      return loginForm(deps, request, authorize, { status: 429, error: "Rate exceeded", username });
    }
    try {
      const outcome = await signInAtLogin(deps, { authorize, username, password, now: ctx.now });
      if (outcome.kind === "redirect") return outcome;
      if (outcome.kind === "secondFactorRequired") {
        return {
          kind: "message",
          status: 501,
          title: "Multi-factor authentication required",
          text: "This user signs in with a second factor; the managed login page for it is not served yet.",
        };
      }
      return {
        kind: "message",
        status: 501,
        title: "New password required",
        text: "This user must choose a new password before signing in; the managed login page for it is not served yet.",
      };
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      return loginForm(deps, request, authorize, { status: 400, error: error.message, username });
    }
  });
}

/** GET|POST /oauth2/userInfo with the Authorization header as sent. */
export async function userInfoEndpoint(deps: Deps, authorization: string | undefined, ctx: RequestContext): Promise<Record<string, string>> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  return userInfo(deps, bearer, ctx.now);
}

/** The sign-in form, with a link per external identity provider of the client (docs/behaviour.md#federated-sign-in). */
function loginForm(
  deps: Deps,
  request: PageRequest,
  authorize: AuthorizeRequest,
  refusal: { status: number; error: string; username: string } | undefined = undefined,
): PageAnswer {
  const external = (authorize.client.config.SupportedIdentityProviders ?? []).filter((name) => name !== "COGNITO");
  const providers = external.map((name) => {
    const query = new URLSearchParams(request.rawQuery);
    query.set("identity_provider", name);
    return { name, href: `/oauth2/authorize?${query.toString()}` };
  });
  return {
    kind: "login",
    status: refusal?.status ?? 200,
    csrf: newCsrfToken(deps.random),
    action: `/login?${request.rawQuery}`,
    ...(providers.length === 0 ? {} : { providers }),
    ...(refusal === undefined ? {} : { error: refusal.error, username: refusal.username }),
  };
}

/** Runs `next` with the checked authorize request, answering the trust and parameter refusals as Cognito does. */
async function withAuthorizeRequest(
  deps: Deps,
  request: PageRequest,
  next: (authorize: AuthorizeRequest) => Promise<PageAnswer>,
): Promise<PageAnswer> {
  let trusted;
  try {
    trusted = await trustedRedirect(deps.store, request.query);
  } catch (error) {
    if (error instanceof OAuthError) return { kind: "error", status: 400, reason: error.type };
    throw error;
  }
  let authorize: AuthorizeRequest;
  try {
    authorize = checkAuthorizeRequest(trusted, request.query);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    const state = request.query.state?.[0];
    return { kind: "redirect", location: redirectBack(trusted.redirectUri, { error: error.type, state }) };
  }
  return next(authorize);
}

/** POST /oauth2/revoke. */
export async function revokeEndpoint(deps: Deps, request: { form: FormFields; authorization: string | undefined }, ctx: RequestContext): Promise<void> {
  await revokeAtEndpoint(deps.store, { ...request, now: ctx.now });
}

/** GET /logout: a redirect to a registered sign-out URL (or to sign in again), else an error page. */
export async function logoutEndpoint(deps: Deps, request: PageRequest): Promise<PageAnswer> {
  try {
    return { kind: "redirect", location: await logoutLocation(deps.store, request.query, request.rawQuery) };
  } catch (error) {
    if (error instanceof OAuthError) return { kind: "error", status: 400, reason: error.type };
    throw error;
  }
}
