import type { QuotaCategory, RateLimits } from "../../config/rateLimits.js";
import { invalidSession, oauthLoginRequired, oauthRateExceeded } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { FrameworkError } from "../../errors/frameworkError.js";
import { OAuthError } from "../../errors/oauthError.js";
import { checkAuthorizeRequest, redirectBack, trustedRedirect, type AuthorizeRequest } from "../../domain/oauth/authorize.js";
import { basicCredentials } from "../../domain/oauth/clientAuthentication.js";
import { optionalField, type FormFields } from "../../domain/oauth/form.js";
import {
  answerAtPage,
  codeDestinationAtPage,
  csrfMatches,
  mfaChoicesAtPage,
  mfaSetupAtPage,
  newCsrfToken,
  newPasswordPageAttributes,
  offersSignInChoice,
  passkeyOptionsAtPage,
  requirePageSession,
  signedInAtPage,
  signInAtLogin,
  signInChoicesAtPage,
  startChoiceAtLogin,
  verifyMfaSetupAtPage,
  type LoginOutcome,
  type PageChallenge,
} from "../../domain/oauth/login.js";
import { finishFederatedSignIn, finishStandInSignIn, providerAuthorizeLocation, requestedProvider, standInSignIn } from "../../domain/federation/oidcSignIn.js";
import { finishSamlSignIn, samlAuthorizeLocation } from "../../domain/federation/samlSignIn.js";
import { finishSamlLogout, samlLogoutLocation, samlSessionOf } from "../../domain/federation/samlLogout.js";
import { standInClaims, standInPath } from "../../domain/federation/standIn.js";
import { logoutLocation } from "../../domain/oauth/logout.js";
import { signUpPageFields, type SignUpPageFields } from "../../domain/oauth/signUpPages.js";
import { endManagedLoginSession, managedLoginUser, MANAGED_LOGIN_SESSION_SECONDS } from "../../domain/oauth/managedLoginSession.js";
import { revokeAtEndpoint } from "../../domain/oauth/revoke.js";
import { userInfo } from "../../domain/oauth/userInfo.js";
import { grantTokens, grantTypeOf, type GrantType, type TokenResponse } from "../../domain/oauth/tokenGrant.js";
import { AuditTrail, auditedStore } from "../audit.js";
import { takeCategoryRate } from "../throttle/throttle.js";
import { effectiveUiCustomization, logoPath } from "../../domain/branding/uiCustomization.js";
import { managedLoginAsset, managedLoginLook } from "../../domain/branding/managedLoginStyle.js";
import type { Deps, RequestContext } from "../types.js";

/** The cookie binding a form to its browser; Cognito's hosted UI uses the same name. */
export const CSRF_COOKIE = "XSRF-TOKEN";
/** The managed-login session, named as Cognito's hosted UI names it (docs/behaviour.md#managed-login-session). */
export const SESSION_COOKIE = "cognito";
/** The challenge session of a sign-in waiting on a challenge page; the browser never sees it in a page. */
export const CHALLENGE_COOKIE = "cognito-challenge";

/** Where each challenge is asked (docs/behaviour.md#managed-login). */
export const CHALLENGE_PATHS: Readonly<Record<PageChallenge, string>> = {
  NEW_PASSWORD_REQUIRED: "/forceChangePassword",
  SOFTWARE_TOKEN_MFA: "/mfa",
  MFA_SETUP: "/mfaSetup",
  SMS_MFA: "/smsMfa",
  EMAIL_OTP: "/emailOtp",
  SMS_OTP: "/smsOtp",
  SELECT_MFA_TYPE: "/selectMfaType",
  SELECT_CHALLENGE: "/selectChallenge",
  WEB_AUTHN: "/passkey",
};

/** The code each code page asks for, in RespondToAuthChallenge's names. */
const CODE_ANSWERS = { SMS_MFA: "SMS_MFA_CODE", EMAIL_OTP: "EMAIL_OTP_CODE", SMS_OTP: "SMS_OTP_CODE" } as const;
type CodePageChallenge = keyof typeof CODE_ANSWERS;

/**
 * Which quota each grant counts against: client_credentials has its own category (ClientAuthentication);
 * the grants of a signed-in user count as sign-ins (docs/behaviour.md#oauth-20-endpoints).
 */
const GRANT_CATEGORIES: Readonly<Record<GrantType, QuotaCategory>> = {
  authorization_code: "UserAuthentication",
  client_credentials: "ClientAuthentication",
  refresh_token: "UserAuthentication",
};

/** The audit trail's names of the OAuth endpoints: outside the API's names, like the commands' `cognate:`. */
type EndpointOperation =
  | "oauth2:authorize"
  | "oauth2:idpresponse"
  | "saml2:idpresponse"
  | "saml2:logout"
  | "federation:standIn"
  | "oauth2:login"
  | "oauth2:challenge"
  | "oauth2:token"
  | "oauth2:revoke"
  | "oauth2:logout";

/** POST /oauth2/token, after the HTTP layer has read the form and the Authorization header. */
export async function tokenEndpoint(
  deps: Deps,
  rateLimits: RateLimits,
  request: { form: FormFields; authorization: string | undefined },
  ctx: RequestContext,
): Promise<TokenResponse> {
  return audited(deps, ctx, "oauth2:token", request.form, async (auditedDeps) => {
    const grantType = grantTypeOf(request.form);
    // Quotas count real seconds, as the API pipeline's do.
    if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, GRANT_CATEGORIES[grantType], ctx.region, new Date()))) {
      throw oauthRateExceeded();
    }
    return grantTokens(auditedDeps, { ...request, now: ctx.now });
  }, basicClientOf(request.authorization));
}

/** A cookie the answer sets (`maxAgeSeconds` 0 clears it; absent, it lasts as long as the browser session). */
export interface CookieChange {
  name: string;
  value: string;
  maxAgeSeconds?: number;
}

/** The login page's links to the other pages, with the same authorize query; sign-up only when the pool allows it. */
export interface LoginLinks {
  forgotPassword: string;
  signUp?: string;
}

/** A first factor offered on the SELECT_CHALLENGE page. */
export type SignInChoice = "PASSWORD" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";

/** The form a page shows; every form carries `_csrf` and posts to `action`. */
export type PageForm =
  | { page: "login"; username?: string; links: LoginLinks; otherOptions: boolean; providers?: Array<{ name: string; href: string }> }
  | { page: "signUp"; usernameField: SignUpPageFields["username"]; requiredAttributes: string[]; values: Record<string, string> }
  | { page: "confirmSignUp"; username: string; notice?: string }
  | { page: "forgotPassword"; username: string }
  | { page: "confirmForgotPassword"; username: string; notice?: string }
  | { page: "newPassword"; requiredAttributes: string[] }
  | { page: "mfa" }
  | { page: "mfaSetup"; secret: string; uri: string }
  | { page: "federationStandIn"; provider: string; subject: string; email: string; name: string }
  | { page: "code"; challenge: CodePageChallenge; destination: string }
  | { page: "selectMfaType"; choices: string[] }
  | { page: "selectChallenge"; choices: SignInChoice[] }
  | { page: "passkey"; options: string };

/** What a managed-login request answers: a redirect, a form, an error page or a message page. */
export type PageAnswer = (
  | { kind: "redirect"; location: string }
  | { kind: "form"; status: number; csrf: string; action: string; form: PageForm; error?: string; branding?: PageBranding }
  | { kind: "error"; status: number; reason: string }
  | { kind: "message"; status: number; title: string; text: string }
) & { cookies?: CookieChange[] };

/** The branding applied to a page: the classic customization's CSS, or the managed login style's, and the logo's address. */
export interface PageBranding {
  css?: string;
  logoUrl?: string;
}

export interface PageRequest {
  /** The request's query fields, and the query string as sent (the forms post back to it). */
  query: FormFields;
  rawQuery: string;
  /** The request's cookies by name. */
  cookies: Readonly<Record<string, string>>;
  /** A POST's form fields. */
  form?: FormFields;
}

/**
 * GET /oauth2/authorize: a request whose client and redirect_uri are trusted signs in at once when the
 * browser holds a managed-login session of the pool (unless `prompt=login`), answers `login_required` when
 * it holds none and `prompt=none` asks for no form, and goes to the login page otherwise. An error after
 * the trust check goes back to the redirect URI as `error` with `state`; an untrusted one gets an error page.
 */
export async function authorizeEndpoint(deps: Deps, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return auditedPage(deps, ctx, "oauth2:authorize", request, async (auditedDeps, refuse) =>
    withAuthorizeRequest(request, refuse, auditedDeps, async (authorize) => {
      // identity_provider or idp_identifier: straight to that provider (docs/behaviour.md#federated-sign-in).
      const federated = await federatedAuthorize(auditedDeps, authorize, refuse, ctx.now);
      if (federated !== undefined) return federated;
      const prompt = (optionalField(request.query, "prompt") ?? "").split(" ");
      const token = request.cookies[SESSION_COOKIE];
      const held = prompt.includes("login") ? undefined : await managedLoginUser(auditedDeps.store, { pool: authorize.pool, token, now: ctx.now });
      if (held !== undefined) {
        const outcome = await signedInAtPage(auditedDeps, { authorize, ...held, now: ctx.now, managedLoginSession: token! });
        return answerOf(request, outcome);
      }
      if (prompt.includes("none")) {
        refuse("login_required");
        return { kind: "redirect", location: redirectBack(authorize.redirectUri, { error: oauthLoginRequired().type, state: authorize.state }) };
      }
      return { kind: "redirect", location: `/login?${request.rawQuery}` };
    }),
  );
}

/** The redirect to the identity provider the authorize request names, if it names one; refusals go back to the client. */
async function federatedAuthorize(
  deps: Deps,
  authorize: AuthorizeRequest,
  refuse: (type: string) => void,
  now: Date,
): Promise<PageAnswer | undefined> {
  try {
    const provider = await requestedProvider(deps.store, authorize);
    if (provider === undefined) return undefined;
    const location = provider.type === "SAML" ? samlAuthorizeLocation : providerAuthorizeLocation;
    return { kind: "redirect", location: await location(deps, { authorize, provider, now }) };
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    refuse(error.type);
    return { kind: "redirect", location: redirectBack(authorize.redirectUri, { error: error.type, state: authorize.state }) };
  }
}

/**
 * GET /oauth2/idpresponse: an identity provider's answer. Signed in, the browser goes back to the client
 * with the managed-login session set, as after the login form; a state Cognate did not make gets an error page.
 */
export async function idpResponseEndpoint(deps: Deps, rateLimits: RateLimits, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return federatedAnswer(deps, rateLimits, "oauth2:idpresponse", request, ctx, (auditedDeps) => {
    // Sign in with Apple posts its answer (response_mode=form_post); the others come back with a query.
    const field = (name: string) => optionalField(request.form ?? request.query, name);
    const answer = {
      ...(field("code") === undefined ? {} : { code: field("code")! }),
      ...(field("state") === undefined ? {} : { state: field("state")! }),
      ...(field("error") === undefined ? {} : { error: field("error")! }),
      ...(field("user") === undefined ? {} : { user: field("user")! }),
    };
    return finishFederatedSignIn(auditedDeps, answer, ctx.now);
  });
}

/**
 * POST /saml2/idpresponse: a SAML IdP's response, SP- or IdP-initiated (docs/behaviour.md#saml-federation).
 * Signed in, the browser goes back to the client with the managed-login session set; a RelayState that
 * cannot be trusted gets an error page.
 */
export async function samlResponseEndpoint(deps: Deps, rateLimits: RateLimits, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return federatedAnswer(deps, rateLimits, "saml2:idpresponse", request, ctx, (auditedDeps) => {
    const field = (name: string) => optionalField(request.form ?? {}, name);
    const answer = {
      ...(field("SAMLResponse") === undefined ? {} : { samlResponse: field("SAMLResponse")! }),
      ...(field("RelayState") === undefined ? {} : { relayState: field("RelayState")! }),
    };
    return finishSamlSignIn(auditedDeps, answer, ctx.now);
  });
}

/**
 * An identity provider's answer, whatever its protocol: counted in Cognito's UserFederation quota, then
 * signed in (back to the client with the managed-login session), refused back to the client, or, when its
 * state or RelayState is not Cognate's, refused on a page.
 */
async function federatedAnswer(
  deps: Deps,
  rateLimits: RateLimits,
  operation: "oauth2:idpresponse" | "saml2:idpresponse",
  request: PageRequest,
  ctx: RequestContext,
  finish: (auditedDeps: Deps) => Promise<LoginOutcome | { kind: "refused"; location: string }>,
): Promise<PageAnswer> {
  return auditedPage(deps, ctx, operation, request, async (auditedDeps, refuse) => {
    if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, "UserFederation", ctx.region, new Date()))) {
      refuse("TooManyRequestsException");
      return { kind: "message", status: 429, title: "Too many requests", text: "Rate exceeded" };
    }
    try {
      const outcome = await finish(auditedDeps);
      if (outcome.kind === "refused") {
        refuse("invalid_request");
        return { kind: "redirect", location: outcome.location };
      }
      return answerOf(request, outcome);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      refuse(error.type);
      return { kind: "error", status: 400, reason: error.type };
    }
  });
}

/**
 * POST /saml2/logout: the IdP's LogoutResponse to a single logout /logout started; the browser goes on to
 * where /logout was to send it. A RelayState Cognate did not seal, or a response that fails its checks, gets
 * an error page: the session at Cognate has already ended.
 */
export async function samlLogoutEndpoint(deps: Deps, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return auditedPage(deps, ctx, "saml2:logout", request, async (auditedDeps, refuse) => {
    const field = (name: string) => optionalField(request.form ?? {}, name);
    const answer = {
      ...(field("SAMLResponse") === undefined ? {} : { samlResponse: field("SAMLResponse")! }),
      ...(field("RelayState") === undefined ? {} : { relayState: field("RelayState")! }),
    };
    try {
      return { kind: "redirect", location: await finishSamlLogout(auditedDeps, answer, ctx.now) };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      refuse(error.type);
      return { kind: "error", status: 400, reason: error.type };
    }
  });
}

/**
 * GET /_cognate/federation/<provider>: the dev-mode stand-in of a social provider (docs/behaviour.md#the-social-provider-stand-in),
 * a form for the identity to sign in as. Not served in secure mode.
 */
export async function standInPageEndpoint(deps: Deps, providerName: string, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  if (deps.secureMode) return standInRefused();
  try {
    const { provider } = await standInSignIn(deps, optionalField(request.query, "state"), providerName, ctx.now);
    return formAnswer(deps, request, standInPath(provider.name), { page: "federationStandIn", provider: provider.name, subject: "", email: "", name: "" });
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return { kind: "error", status: 400, reason: error.type };
  }
}

/**
 * POST /_cognate/federation/<provider>: the typed identity (`subject`, `email`, `name`, `_csrf`) answers as the
 * provider would, and the sign-in ends as at /oauth2/idpresponse.
 */
export async function standInSubmitEndpoint(deps: Deps, providerName: string, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  if (deps.secureMode) return standInRefused();
  return auditedPage(deps, ctx, "federation:standIn", request, async (auditedDeps, refuse) => {
    let signIn: Awaited<ReturnType<typeof standInSignIn>>;
    try {
      signIn = await standInSignIn(auditedDeps, optionalField(request.query, "state"), providerName, ctx.now);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      refuse(error.type);
      return { kind: "error", status: 400, reason: error.type };
    }
    const typed = { subject: (field(request, "subject") ?? "").trim(), email: (field(request, "email") ?? "").trim(), name: (field(request, "name") ?? "").trim() };
    const again = (status: number, type: string, error: string) => {
      refuse(type);
      return formAnswer(deps, request, standInPath(signIn.provider.name), { page: "federationStandIn", provider: signIn.provider.name, ...typed }, { status, error });
    };
    if (!csrfMatches(request.cookies[CSRF_COOKIE], field(request, "_csrf"))) return again(403, "CsrfMismatch", "Your form expired. Please try again.");
    if (typed.subject === "") return again(400, "InvalidParameterException", "The subject is required.");
    const claims = standInClaims(signIn.provider, {
      subject: typed.subject,
      ...(typed.email === "" ? {} : { email: typed.email }),
      ...(typed.name === "" ? {} : { name: typed.name }),
    });
    const outcome = await finishStandInSignIn(auditedDeps, { pending: signIn.pending, claims, now: ctx.now });
    if (outcome.kind === "refused") {
      refuse("invalid_request");
      return { kind: "redirect", location: outcome.location };
    }
    return answerOf(request, outcome);
  });
}

function standInRefused(): PageAnswer {
  return { kind: "message", status: 404, title: "Not found", text: "The social provider stand-in is served in dev mode only." };
}

/** GET /login: the sign-in form with a new CSRF token, the username pre-filled from `login_hint`. */
export async function loginPageEndpoint(deps: Deps, request: PageRequest): Promise<PageAnswer> {
  return withAuthorizeRequest(request, () => undefined, deps, async (authorize) => {
    const hint = optionalField(request.query, "login_hint");
    return formAnswer(deps, request, "/login", await loginForm(deps, authorize, request, hint));
  });
}

/**
 * POST /login (the classic form contract: `username`, `password`, `_csrf`): the CSRF token must match its
 * cookie; then the same sign-in as the API's, and on success back to the client with a code or tokens, or
 * on to the page of the challenge that follows.
 */
export async function loginSubmitEndpoint(deps: Deps, rateLimits: RateLimits, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return auditedPage(deps, ctx, "oauth2:login", request, async (auditedDeps, refuse) =>
    withAuthorizeRequest(request, refuse, auditedDeps, async (authorize) => {
      const username = field(request, "username") ?? "";
      const refused = async (status: number, type: string, error: string) => {
        refuse(type);
        return formAnswer(deps, request, "/login", await loginForm(deps, authorize, request, username), { status, error });
      };
      if (!csrfMatches(request.cookies[CSRF_COOKIE], field(request, "_csrf"))) {
        return refused(403, "CsrfMismatch", "Your sign-in form expired. Please try again.");
      }
      const password = field(request, "password") ?? "";
      // "Other ways to sign in" (managed login v2 with passwordless factors) needs the name only.
      const offered = field(request, "otherOptions") !== undefined && (await choiceOffered(deps, authorize));
      if (username === "") return refused(400, "InvalidParameterException", offered ? "Username is required." : "Username and password are required.");
      if (!offered && password === "") return refused(400, "InvalidParameterException", "Username and password are required.");
      if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, "UserAuthentication", ctx.region, new Date()))) {
        return refused(429, "TooManyRequestsException", "Rate exceeded");
      }
      try {
        if (offered) return answerOf(request, await startChoiceAtLogin(auditedDeps, { authorize, username, now: ctx.now }));
        return answerOf(request, await signInAtLogin(auditedDeps, { authorize, username, password, now: ctx.now }));
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        if (error.type === "InvalidUserPoolConfigurationException") return secondFactorRefusal(refuse, error);
        return refused(400, error.type, error.message);
      }
    }),
  );
}

/** GET of a challenge page: its form, for a browser whose sign-in waits on that challenge; the login page otherwise. */
export async function challengePageEndpoint(deps: Deps, challenge: PageChallenge, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return withAuthorizeRequest(request, () => undefined, deps, async (authorize) => {
    const session = request.cookies[CHALLENGE_COOKIE];
    try {
      return formAnswer(deps, request, CHALLENGE_PATHS[challenge], await challengeForm(deps, { authorize, challenge, session, now: ctx.now }));
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      if (isInvalidSession(error)) return { kind: "redirect", location: `/login?${request.rawQuery}` };
      return { kind: "message", status: 400, title: "Sign-in cannot continue", text: error.message };
    }
  });
}

/**
 * POST of a challenge page: the answer goes through RespondToAuthChallenge's rules (a wrong code counts
 * toward the lockout); a refusal shows the page again with Cognito's message, an expired session the login page.
 */
export async function challengeSubmitEndpoint(
  deps: Deps,
  rateLimits: RateLimits,
  challenge: PageChallenge,
  request: PageRequest,
  ctx: RequestContext,
): Promise<PageAnswer> {
  return auditedPage(deps, ctx, "oauth2:challenge", request, async (auditedDeps, refuse) =>
    withAuthorizeRequest(request, refuse, auditedDeps, async (authorize) => {
      const session = request.cookies[CHALLENGE_COOKIE];
      const path = CHALLENGE_PATHS[challenge];
      const again = async (status: number, type: string, error: string) => {
        refuse(type);
        try {
          return formAnswer(deps, request, path, await challengeForm(deps, { authorize, challenge, session, now: ctx.now }), { status, error });
        } catch (formError) {
          // The refusal used the session up (a wrong password on the choice page): sign in again, told why.
          if (formError instanceof CognitoError && isInvalidSession(formError)) return expiredChallenge(deps, authorize, request, error);
          throw formError;
        }
      };
      if (!csrfMatches(request.cookies[CSRF_COOKIE], field(request, "_csrf"))) return again(403, "CsrfMismatch", "Your form expired. Please try again.");
      if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, "UserAuthentication", ctx.region, new Date()))) {
        return again(429, "TooManyRequestsException", "Rate exceeded");
      }
      if (challenge === "NEW_PASSWORD_REQUIRED" && field(request, "password") !== field(request, "confirmPassword")) {
        return again(400, "InvalidParameterException", "The passwords you entered do not match.");
      }
      try {
        const outcome =
          challenge === "MFA_SETUP"
            ? await verifyMfaSetupAtPage(auditedDeps, { authorize, session, code: field(request, "code") ?? "", now: ctx.now })
            : await answerAtPage(auditedDeps, { authorize, challenge, session, responses: challengeResponses(challenge, request), now: ctx.now });
        return answerOf(request, outcome);
      } catch (error) {
        if (!(error instanceof CognitoError)) throw error;
        if (isInvalidSession(error)) {
          refuse(error.type);
          return expiredChallenge(deps, authorize, request);
        }
        if (error.type === "InvalidUserPoolConfigurationException") return secondFactorRefusal(refuse, error);
        return again(400, error.type, error.message);
      }
    }),
  );
}

/** GET|POST /oauth2/userInfo with the Authorization header as sent. */
export async function userInfoEndpoint(deps: Deps, authorization: string | undefined, ctx: RequestContext): Promise<Record<string, string>> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  return userInfo(deps, bearer, ctx.now);
}

/** POST /oauth2/revoke. */
export async function revokeEndpoint(deps: Deps, request: { form: FormFields; authorization: string | undefined }, ctx: RequestContext): Promise<void> {
  await audited(
    deps,
    ctx,
    "oauth2:revoke",
    request.form,
    (auditedDeps) => revokeAtEndpoint(auditedDeps.store, { ...request, now: ctx.now }),
    basicClientOf(request.authorization),
  );
}

/**
 * GET /logout: the managed-login session ends (on the server and in the browser), then a redirect to a
 * registered sign-out URL (or to sign in again), else an error page. A user signed in through a SAML
 * provider with IDPSignout goes to the IdP's single logout first (docs/behaviour.md#saml-federation).
 */
export async function logoutEndpoint(deps: Deps, request: PageRequest, ctx: RequestContext): Promise<PageAnswer> {
  return auditedPage(deps, ctx, "oauth2:logout", request, async (auditedDeps, refuse) => {
    const samlSession = await samlSessionOf(auditedDeps.store, request.cookies[SESSION_COOKIE]);
    await endManagedLoginSession(auditedDeps.store, request.cookies[SESSION_COOKIE]);
    const cleared = [SESSION_COOKIE, CHALLENGE_COOKIE, CSRF_COOKIE].map((name) => ({ name, value: "", maxAgeSeconds: 0 }));
    try {
      const location = await logoutLocation(deps.store, request.query, request.rawQuery);
      const atIdp = await samlLogoutLocation(auditedDeps, { session: samlSession, location, now: ctx.now });
      return { kind: "redirect", location: atIdp ?? location, cookies: cleared };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      refuse(error.type);
      return { kind: "error", status: 400, reason: error.type, cookies: cleared };
    }
  });
}

/** The login form, the name filled in, with its links to the other pages and, where offered, the other ways to sign in. */
export async function loginForm(deps: Deps, authorize: AuthorizeRequest, request: PageRequest, username?: string): Promise<PageForm> {
  const links: LoginLinks = {
    forgotPassword: `/forgotPassword?${request.rawQuery}`,
    ...(signUpPageFields(authorize.pool).allowed ? { signUp: `/signup?${request.rawQuery}` } : {}),
  };
  // A link per external identity provider of the client (docs/behaviour.md#federated-sign-in).
  const providers = (authorize.client.config.SupportedIdentityProviders ?? [])
    .filter((name) => name !== "COGNITO")
    .map((name) => {
      const query = new URLSearchParams(request.rawQuery);
      query.set("identity_provider", name);
      return { name, href: `/oauth2/authorize?${query.toString()}` };
    });
  return {
    page: "login",
    links,
    otherOptions: await choiceOffered(deps, authorize),
    ...(providers.length === 0 ? {} : { providers }),
    ...(username === undefined ? {} : { username }),
  };
}

/** Whether the pool's domain is on managed login (version 2) and the pool allows passwordless first factors. */
async function choiceOffered(deps: Deps, authorize: AuthorizeRequest): Promise<boolean> {
  const domain = await deps.store.domains.getForPool(authorize.pool.id);
  return offersSignInChoice(authorize.pool, domain?.managedLoginVersion);
}

/** Where a sign-in step sends the browser, and the cookies that go with it. */
export function answerOf(request: PageRequest, outcome: LoginOutcome): PageAnswer {
  if (outcome.kind === "challenge") {
    return {
      kind: "redirect",
      location: `${CHALLENGE_PATHS[outcome.challenge]}?${request.rawQuery}`,
      cookies: [{ name: CHALLENGE_COOKIE, value: outcome.session }],
    };
  }
  return {
    kind: "redirect",
    location: outcome.location,
    cookies: [
      { name: SESSION_COOKIE, value: outcome.managedLoginSession, maxAgeSeconds: MANAGED_LOGIN_SESSION_SECONDS },
      { name: CHALLENGE_COOKIE, value: "", maxAgeSeconds: 0 },
    ],
  };
}

/** What a challenge page shows: the required attributes still missing, or the authenticator secret to set up. */
async function challengeForm(
  deps: Deps,
  request: { authorize: AuthorizeRequest; challenge: PageChallenge; session: string | undefined; now: Date },
): Promise<PageForm> {
  switch (request.challenge) {
    case "NEW_PASSWORD_REQUIRED":
      return { page: "newPassword", requiredAttributes: await newPasswordPageAttributes(deps, request) };
    case "SOFTWARE_TOKEN_MFA":
      await requirePageSession(deps, request.session, request.now);
      return { page: "mfa" };
    case "MFA_SETUP":
      return { page: "mfaSetup", ...(await mfaSetupAtPage(deps, request)) };
    case "SMS_MFA":
    case "EMAIL_OTP":
    case "SMS_OTP":
      return { page: "code", challenge: request.challenge, destination: await codeDestinationAtPage(deps, { ...request, challenge: request.challenge }) };
    case "SELECT_MFA_TYPE":
      return { page: "selectMfaType", choices: await mfaChoicesAtPage(deps, request) };
    case "SELECT_CHALLENGE":
      return { page: "selectChallenge", choices: (await signInChoicesAtPage(deps, request)) as SignInChoice[] };
    case "WEB_AUTHN":
      return { page: "passkey", options: await passkeyOptionsAtPage(deps, request) };
  }
}

/** The page's fields in RespondToAuthChallenge's names. */
function challengeResponses(challenge: PageChallenge, request: PageRequest): Record<string, string> {
  if (challenge === "SOFTWARE_TOKEN_MFA") return { SOFTWARE_TOKEN_MFA_CODE: field(request, "code") ?? "" };
  if (challenge === "SMS_MFA" || challenge === "EMAIL_OTP" || challenge === "SMS_OTP") return { [CODE_ANSWERS[challenge]]: field(request, "code") ?? "" };
  if (challenge === "SELECT_MFA_TYPE") return { ANSWER: field(request, "answer") ?? "" };
  if (challenge === "SELECT_CHALLENGE") {
    const answer = field(request, "answer") ?? "";
    return answer === "PASSWORD" ? { ANSWER: answer, PASSWORD: field(request, "password") ?? "" } : { ANSWER: answer };
  }
  if (challenge === "WEB_AUTHN") return { CREDENTIAL: field(request, "credential") ?? "" };
  const responses: Record<string, string> = { NEW_PASSWORD: field(request, "password") ?? "" };
  for (const [name, values] of Object.entries(request.form ?? {})) {
    if (name.startsWith("requiredAttributes[") && name.endsWith("]") && values[0] !== undefined) {
      responses[`userAttributes.${name.slice("requiredAttributes[".length, -1)}`] = values[0];
    }
  }
  return responses;
}

/** A user whose second factor the pages do not ask for (SMS, email): a clear refusal, never a code. */
function secondFactorRefusal(refuse: (type: string) => void, error: CognitoError): PageAnswer {
  refuse(error.type);
  return { kind: "message", status: 501, title: "Multi-factor authentication required", text: error.message };
}

async function expiredChallenge(deps: Deps, authorize: AuthorizeRequest, request: PageRequest, error = invalidSession().message): Promise<PageAnswer> {
  return {
    ...formAnswer(deps, request, "/login", await loginForm(deps, authorize, request), { status: 400, error }),
    cookies: [{ name: CHALLENGE_COOKIE, value: "", maxAgeSeconds: 0 }],
  };
}

function isInvalidSession(error: CognitoError): boolean {
  return error.type === "NotAuthorizedException" && error.message === invalidSession().message;
}

/** A form page with a new CSRF token and its cookie. */
export function formAnswer(
  deps: Deps,
  request: PageRequest,
  path: string,
  form: PageForm,
  refusal: { status: number; error: string } | undefined = undefined,
): PageAnswer {
  const csrf = newCsrfToken(deps.random);
  return {
    kind: "form",
    status: refusal?.status ?? 200,
    csrf,
    action: `${path}?${request.rawQuery}`,
    form,
    ...(refusal === undefined ? {} : { error: refusal.error }),
    cookies: [{ name: CSRF_COOKIE, value: csrf }],
  };
}

/** The client id of an `Authorization: Basic` header, for the audit trail only (authentication is the grant's). */
function basicClientOf(authorization: string | undefined): string | undefined {
  try {
    return basicCredentials(authorization)?.clientId;
  } catch {
    return undefined;
  }
}

export function field(request: PageRequest, name: string): string | undefined {
  return request.form?.[name]?.[0];
}

/**
 * The look of a client's pages (docs/behaviour.md#branding): on a managed login (version 2) domain, the
 * client's branding style; otherwise the classic hosted UI's CSS and logo (the client's own, else the pool's).
 */
async function pageBranding(deps: Deps, poolId: string, clientId: string): Promise<PageBranding | undefined> {
  const domain = await deps.store.domains.getForPool(poolId);
  if (domain !== undefined && domain.managedLoginVersion !== 1) {
    const look = managedLoginLook(await deps.store.branding.getManagedLoginForClient(poolId, clientId));
    return look === undefined ? undefined : { css: look.css, ...(look.logoPath === undefined ? {} : { logoUrl: look.logoPath }) };
  }
  const customization = await effectiveUiCustomization(deps.store, poolId, clientId);
  if (customization === undefined) return undefined;
  const logo = logoPath(customization);
  return { ...(customization.css === undefined ? {} : { css: customization.css }), ...(logo === undefined ? {} : { logoUrl: logo }) };
}

/** GET /managed-login-assets/<pool>/<style>/<version>/<category>/<colour mode>: an image of a branding style's current version. */
export async function managedLoginAssetEndpoint(
  deps: Deps,
  at: { poolId: string; brandingId: string; version: string; category: string; colorMode: string },
): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  return managedLoginAsset(await deps.store.branding.getManagedLogin(at.poolId, at.brandingId), at);
}

/** GET /ui-assets/<pool>/<client>/<version>/logo: a customization's logo, while that version is current. */
export async function uiLogo(deps: Deps, poolId: string, clientId: string, version: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  const customization = await deps.store.branding.getUiCustomization(poolId, clientId);
  return customization?.cssVersion === version ? customization.image : undefined;
}

/**
 * Runs `next` with the checked authorize request, answering the trust and parameter refusals as Cognito does;
 * every form it answers carries the client's branding.
 */
export async function withAuthorizeRequest(
  request: PageRequest,
  refuse: (type: string) => void,
  deps: Deps,
  next: (authorize: AuthorizeRequest) => Promise<PageAnswer>,
): Promise<PageAnswer> {
  let trusted;
  try {
    trusted = await trustedRedirect(deps.store, request.query);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    refuse(error.type);
    return { kind: "error", status: 400, reason: error.type };
  }
  let authorize: AuthorizeRequest;
  try {
    authorize = checkAuthorizeRequest(trusted, request.query);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    refuse(error.type);
    const state = request.query.state?.[0];
    return { kind: "redirect", location: redirectBack(trusted.redirectUri, { error: error.type, state }) };
  }
  const answer = await next(authorize);
  if (answer.kind !== "form") return answer;
  const branding = await pageBranding(deps, authorize.client.poolId, authorize.client.clientId);
  return branding === undefined ? answer : { ...answer, branding };
}

/**
 * Runs an OAuth endpoint as the pipeline runs an operation: against a store that records the request's
 * audit event (`oauth2:<endpoint>`, the pool, the client, the outcome; never a code, token or password) in
 * the transaction of its first write, and appends the event when the request wrote nothing.
 */
async function audited<T>(
  deps: Deps,
  ctx: RequestContext,
  operation: EndpointOperation,
  fields: FormFields,
  run: (auditedDeps: Deps, refuse: (type: string) => void) => Promise<T>,
  basicClientId?: string,
): Promise<T> {
  const clientId = optionalField(fields, "client_id") ?? basicClientId;
  const client = clientId === undefined || clientId.length > 128 ? undefined : await deps.store.clients.findById(clientId);
  const trail = new AuditTrail(deps.random, {
    time: ctx.now,
    requestId: ctx.requestId,
    actor: client === undefined ? "anonymous" : `client:${client.clientId}`,
    sourceIp: ctx.sourceIp,
    operation,
    poolId: client?.poolId,
    username: undefined,
  });
  let refused: string | undefined;
  let result: T;
  try {
    result = await run({ ...deps, store: auditedStore(deps.store, trail) }, (type) => (refused = type));
  } catch (error) {
    const type = error instanceof CognitoError || error instanceof FrameworkError || error instanceof OAuthError ? error.type : "InternalErrorException";
    await deps.store.audit.append(trail.event("failure", type));
    throw error;
  }
  if (refused !== undefined) await deps.store.audit.append(trail.event("failure", refused));
  else if (!trail.hasRecorded) await deps.store.audit.append(trail.event("success"));
  return result;
}

function auditedPage(
  deps: Deps,
  ctx: RequestContext,
  operation: EndpointOperation,
  request: PageRequest,
  run: (auditedDeps: Deps, refuse: (type: string) => void) => Promise<PageAnswer>,
): Promise<PageAnswer> {
  return audited(deps, ctx, operation, request.query, run);
}
