import { timingSafeEqual } from "node:crypto";
import { provePassword, settleProvenPassword } from "../auth/passwordSignIn.js";
import { needsSecondFactor } from "../auth/secondFactor.js";
import type { AuthDeps } from "../auth/types.js";
import type { Random } from "../random.js";
import { issueTokens } from "../tokens/issue.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { issueAuthorizationCode, redirectBack, type AuthorizeRequest } from "./authorize.js";

/** Where a successful sign-in on the login page sends the browser, or that a new password must be chosen first. */
export type LoginOutcome = { kind: "redirect"; location: string } | { kind: "newPasswordRequired" } | { kind: "secondFactorRequired" };

/**
 * The managed login page's sign-in: the same rules as InitiateAuth's USER_PASSWORD_AUTH (lockout,
 * PreventUserExistenceErrors, user states; Cognito's errors are thrown for the page to show), then an
 * authorization code (`code`) or the tokens in the fragment (`token`, the implicit grant, no refresh token).
 */
export async function signInAtLogin(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; username: string; password: string; now: Date },
): Promise<LoginOutcome> {
  const { authorize, username, password, now } = request;
  const { pool, client } = authorize;
  const proven = await provePassword(deps, { pool, client, user: await findUser(deps.store, pool, username), password, now });
  const state = await settleProvenPassword(deps.store, { pool, user: proven.user, failures: proven.failures, now });
  if (state === "newPasswordRequired") return { kind: "newPasswordRequired" };
  // The page asks for no second factor yet: never hand out a code or tokens on the password alone.
  if (needsSecondFactor(pool, proven.user)) return { kind: "secondFactorRequired" };
  return { kind: "redirect", location: await grantToSignedInUser(deps, { authorize, user: proven.user, now }) };
}

/**
 * Where a browser whose user signed in (with a password, or through an identity provider) goes back to the
 * client: an authorization code (`code`), or the tokens in the fragment (`token`, the implicit grant, no
 * refresh token).
 */
export async function grantToSignedInUser(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; user: UserRecord; now: Date },
): Promise<string> {
  const { authorize, user, now } = request;
  if (authorize.responseType === "code") {
    const code = await issueAuthorizationCode(deps, { authorize, user, now });
    return redirectBack(authorize.redirectUri, { code, state: authorize.state });
  }
  const tokens = await issueTokens(deps, {
    pool: authorize.pool,
    client: authorize.client,
    user,
    now,
    hosted: { scopes: authorize.scopes, ...(authorize.nonce === undefined ? {} : { nonce: authorize.nonce }), authTime: Math.floor(now.getTime() / 1000) },
  });
  const fragment = {
    id_token: tokens.IdToken,
    access_token: tokens.AccessToken,
    token_type: "Bearer",
    expires_in: String(tokens.ExpiresIn),
    state: authorize.state,
  };
  return redirectBack(authorize.redirectUri, fragment, true);
}

/** A new CSRF token for a form, bound to the browser by a cookie holding the same value (double submit). */
export function newCsrfToken(random: Random): string {
  return random.bytes(32).toString("base64url");
}

/** The form's `_csrf` equals the cookie's, compared in constant time; both must be present. */
export function csrfMatches(cookie: string | undefined, field: string | undefined): boolean {
  if (cookie === undefined || field === undefined || cookie === "") return false;
  const a = Buffer.from(cookie, "utf8");
  const b = Buffer.from(field, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
