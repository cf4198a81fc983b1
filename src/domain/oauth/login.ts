import { timingSafeEqual } from "node:crypto";
import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { invalidSession, pageChallengeNotServed } from "../../errors/catalogue.js";
import { challengesOffered, startChoiceSignIn } from "../auth/choiceSignIn.js";
import { codeDestination, type CodeChallenge } from "../auth/codeChallenges.js";
import { respondToChallenge } from "../auth/flows.js";
import { missingRequiredAttributes } from "../auth/newPassword.js";
import { checkPassword } from "../auth/passwordSignIn.js";
import { sessionId } from "../auth/sessions.js";
import type { AuthDeps, AuthOutcome, AuthSessionRecord } from "../auth/types.js";
import { webAuthnRequestOptions } from "../auth/webAuthnSignIn.js";
import { maskDestination, simulatedDeliveryDetails } from "../codes/delivery.js";
import { userPoolTier } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { associateSoftwareToken, mfaSetupSessionOwner, verifySoftwareToken } from "../mfa/softwareToken.js";
import type { Random } from "../random.js";
import { issueTokens } from "../tokens/issue.js";
import { findUser } from "../users/resolve.js";
import type { MfaFactorName, UserRecord } from "../users/types.js";
import { issueAuthorizationCode, redirectBack, type AuthorizeRequest } from "./authorize.js";
import { startManagedLoginSession } from "./managedLoginSession.js";
import { pageSecretHash } from "./pageSecretHash.js";

/** The challenges the managed login pages ask for, each on its own page (docs/behaviour.md#managed-login). */
export const PAGE_CHALLENGES = [
  "NEW_PASSWORD_REQUIRED",
  "SOFTWARE_TOKEN_MFA",
  "MFA_SETUP",
  "SMS_MFA",
  "EMAIL_OTP",
  "SMS_OTP",
  "SELECT_MFA_TYPE",
  "SELECT_CHALLENGE",
  "WEB_AUTHN",
] as const satisfies readonly ChallengeNameType[];
export type PageChallenge = (typeof PAGE_CHALLENGES)[number];

/** The first factors the choice page offers: the password typed there, codes and passkeys (SRP needs the client's own code). */
const PAGE_FIRST_FACTORS: readonly ChallengeNameType[] = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"];

/**
 * Where a step of the managed login pages leads: back to the client (with the managed-login session that
 * lets the next authorization through without asking), or to the page of the next challenge, whose session
 * token the browser keeps in a cookie.
 */
export type LoginOutcome =
  | { kind: "signedIn"; location: string; managedLoginSession: string }
  | { kind: "challenge"; challenge: PageChallenge; session: string };

/**
 * The login page's sign-in: exactly the API's USER_PASSWORD_AUTH after the name is resolved (`checkPassword`:
 * lockout, PreventUserExistenceErrors, user states, the re-hash of an old hash), with the ending swapped: a
 * user who passes every step gets a code (or implicit tokens) instead of the API's tokens. Cognito's errors
 * are thrown for the page to show.
 */
export async function signInAtLogin(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; username: string; password: string; now: Date },
): Promise<LoginOutcome> {
  const { authorize, username, password, now } = request;
  const { pool, client } = authorize;
  const user = await findUser(deps.store, pool, username);
  return pageOutcome(deps, authorize, now, (pageDeps) => checkPassword(pageDeps, { pool, client, user, password, now }));
}

/**
 * A challenge page's answer, through the API's RespondToAuthChallenge rules: `responses` as the page's
 * fields give them (NEW_PASSWORD, userAttributes.*, SOFTWARE_TOKEN_MFA_CODE); USERNAME is the session's
 * user and SECRET_HASH is computed here, since the page itself is the client's trusted front end.
 */
export async function answerAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; challenge: PageChallenge; session: string | undefined; responses: Record<string, string>; now: Date },
): Promise<LoginOutcome> {
  const { authorize, challenge, now } = request;
  const { pool, client } = authorize;
  const session = await requirePageSession(deps, request.session, now);
  const responses: Record<string, string> = { ...request.responses, USERNAME: session.username };
  const secretHash = pageSecretHash(client, session.username);
  if (secretHash !== undefined) responses.SECRET_HASH = secretHash;
  return pageOutcome(deps, authorize, now, (pageDeps) =>
    respondToChallenge(pageDeps, { pool, client, challenge, session: session.token, responses, now }),
  );
}

/**
 * The MFA_SETUP page: the user's authenticator secret waiting to be verified, made now unless one already
 * waits (a reload shows the same secret), and the otpauth URI an authenticator app reads.
 */
export async function mfaSetupAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; session: string | undefined; now: Date },
): Promise<{ secret: string; uri: string }> {
  const { authorize, now } = request;
  const owner = await mfaSetupSessionOwner(deps.store, (await requirePageSession(deps, request.session, now)).token, now);
  const secret = owner.user.mfa?.pendingSoftwareTokenSecret ?? (await associateSoftwareToken(deps, owner, now)).SecretCode;
  const issuer = authorize.pool.name;
  const label = `${issuer}:${owner.user.attributes.email ?? owner.user.username}`;
  const uri = `otpauth://totp/${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
  return { secret, uri };
}

/** The required attributes the NEW_PASSWORD_REQUIRED page asks for: those the session's user still lacks. */
export async function newPasswordPageAttributes(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; session: string | undefined; now: Date },
): Promise<string[]> {
  const { pool } = request.authorize;
  const session = await requirePageSession(deps, request.session, request.now);
  const user = await findUser(deps.store, pool, session.username);
  if (user === undefined) throw invalidSession();
  return missingRequiredAttributes(pool, user.attributes);
}

/** The MFA_SETUP page's answer: a code of the shown secret verifies it (VerifySoftwareToken), then the challenge is answered. */
export async function verifyMfaSetupAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; session: string | undefined; code: string; now: Date },
): Promise<LoginOutcome> {
  const { now } = request;
  const session = await requirePageSession(deps, request.session, now);
  const owner = await mfaSetupSessionOwner(deps.store, session.token, now);
  await verifySoftwareToken(deps.store, owner, { code: request.code }, now);
  return answerAtPage(deps, { ...request, challenge: "MFA_SETUP", responses: {} });
}

/** The browser's challenge session: its token, user and state; a missing or unknown one is Cognito's invalid session. */
export async function requirePageSession(
  deps: AuthDeps,
  token: string | undefined,
  now: Date,
): Promise<{ token: string; username: string; data: AuthSessionRecord["data"] }> {
  if (token === undefined) throw invalidSession();
  const session = await deps.store.sessions.get(sessionId(token));
  if (session === undefined || session.expiresAt.getTime() <= now.getTime()) throw invalidSession();
  return { token, username: session.username, data: session.data };
}

function isPageChallenge(challenge: ChallengeNameType | undefined): challenge is PageChallenge {
  return (PAGE_CHALLENGES as readonly (ChallengeNameType | undefined)[]).includes(challenge);
}

/**
 * Whether the login page offers the pool's passwordless first factors (USER_AUTH's choice): Cognito does so
 * in managed login (version 2) only, for an ESSENTIALS or PLUS pool whose SignInPolicy allows more than the
 * password (docs/behaviour.md#managed-login).
 */
export function offersSignInChoice(pool: UserPoolRecord, managedLoginVersion: number | undefined): boolean {
  const factors = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return managedLoginVersion === 2 && userPoolTier(pool) !== "LITE" && factors.some((factor) => factor !== "PASSWORD");
}

/**
 * The login page's "other ways to sign in": USER_AUTH with the name typed and no preference, so the user is
 * offered SELECT_CHALLENGE's choices (an unknown name behind PreventUserExistenceErrors gets the same).
 */
export async function startChoiceAtLogin(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; username: string; now: Date },
): Promise<LoginOutcome> {
  const { authorize, username, now } = request;
  const { pool, client } = authorize;
  const secretHash = pageSecretHash(client, username);
  const parameters = { USERNAME: username, ...(secretHash === undefined ? {} : { SECRET_HASH: secretHash }) };
  return pageOutcome(deps, authorize, now, (pageDeps) => startChoiceSignIn(pageDeps, { pool, client, parameters, now }));
}

/** The SELECT_CHALLENGE page's choices: the first factors this user may use that a page can ask for. */
export async function signInChoicesAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; session: string | undefined; now: Date },
): Promise<ChallengeNameType[]> {
  const { pool } = request.authorize;
  const session = await requirePageSession(deps, request.session, request.now);
  const user = session.data.unknownUser === true ? undefined : await findUser(deps.store, pool, session.username);
  return (await challengesOffered(deps, pool, user)).filter((challenge) => PAGE_FIRST_FACTORS.includes(challenge));
}

/** The SELECT_MFA_TYPE page's choices: the factors the challenge listed in MFAS_CAN_CHOOSE. */
export async function mfaChoicesAtPage(deps: AuthDeps, request: { session: string | undefined; now: Date }): Promise<MfaFactorName[]> {
  const session = await requirePageSession(deps, request.session, request.now);
  return Array.isArray(session.data.choices) ? (session.data.choices as MfaFactorName[]) : [];
}

/**
 * Where the code of a code page went, masked as CODE_DELIVERY_DESTINATION is: the user's phone number or
 * email address, or (a name nobody holds, behind PreventUserExistenceErrors) the one the API pretended.
 */
export async function codeDestinationAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; challenge: CodeChallenge; session: string | undefined; now: Date },
): Promise<string> {
  const { pool } = request.authorize;
  const session = await requirePageSession(deps, request.session, request.now);
  const channel = request.challenge === "EMAIL_OTP" ? "EMAIL" : "SMS";
  const user = session.data.unknownUser === true ? undefined : await findUser(deps.store, pool, session.username);
  const destination = user === undefined ? undefined : codeDestination(user, request.challenge);
  if (destination !== undefined) return maskDestination({ channel, destination });
  return simulatedDeliveryDetails(pool, session.username, [channel === "EMAIL" ? "email" : "phone_number"]).Destination ?? "";
}

/** The WEB_AUTHN page's PublicKeyCredentialRequestOptionsJSON (as JSON text): the session's challenge and the user's passkeys. */
export async function passkeyOptionsAtPage(
  deps: AuthDeps,
  request: { authorize: AuthorizeRequest; session: string | undefined; now: Date },
): Promise<string> {
  const { pool } = request.authorize;
  const session = await requirePageSession(deps, request.session, request.now);
  const user = await findUser(deps.store, pool, session.username);
  if (user === undefined || typeof session.data.challenge !== "string" || typeof session.data.rpId !== "string") throw invalidSession();
  return JSON.stringify(
    await webAuthnRequestOptions(deps, { pool, user, challenge: session.data.challenge, rpId: session.data.rpId, userVerification: String(session.data.userVerification) }),
  );
}

/** Runs a sign-in step with the page's ending and turns what it answered into where the browser goes next. */
async function pageOutcome(
  deps: AuthDeps,
  authorize: AuthorizeRequest,
  now: Date,
  step: (pageDeps: AuthDeps) => Promise<AuthOutcome>,
): Promise<LoginOutcome> {
  let signedIn: UserRecord | undefined;
  const outcome = await step({
    ...deps,
    finishSignIn: async ({ user }) => {
      signedIn = user;
      return { ChallengeParameters: {} };
    },
  });
  if (signedIn !== undefined) return signedInAtPage(deps, { authorize, user: signedIn, now });
  const challenge = outcome.ChallengeName;
  if (isPageChallenge(challenge) && outcome.Session !== undefined) return { kind: "challenge", challenge, session: outcome.Session };
  // Only a flow the pages never start (custom challenges, device sign-in) could lead elsewhere.
  if (challenge !== undefined) throw pageChallengeNotServed(challenge);
  throw invalidSession();
}

/**
 * A user who passed every step on the pages (or holds a managed-login session): a new managed-login
 * session, then the code (`code`) or the tokens in the fragment (`token`, the implicit grant, no refresh token).
 */
export async function signedInAtPage(
  deps: AuthDeps,
  request: {
    authorize: AuthorizeRequest;
    user: UserRecord;
    now: Date;
    authTime?: number;
    managedLoginSession?: string;
    /** What a new managed-login session also keeps: how a federated user signed in, for signing out there. */
    sessionData?: Record<string, unknown>;
  },
): Promise<LoginOutcome> {
  const { authorize, user, now } = request;
  const managedLoginSession =
    request.managedLoginSession ??
    (await startManagedLoginSession(deps, { client: authorize.client, user, now, ...(request.sessionData === undefined ? {} : { data: request.sessionData }) }));
  const authTime = request.authTime ?? Math.floor(now.getTime() / 1000);
  if (authorize.responseType === "code") {
    const code = await issueAuthorizationCode(deps, { authorize, user, now, authTime });
    return { kind: "signedIn", managedLoginSession, location: redirectBack(authorize.redirectUri, { code, state: authorize.state }) };
  }
  const tokens = await issueTokens(deps, {
    pool: authorize.pool,
    client: authorize.client,
    user,
    now,
    tokenSource: "HostedAuth",
    hosted: { scopes: authorize.scopes, ...(authorize.nonce === undefined ? {} : { nonce: authorize.nonce }), authTime },
  });
  const fragment = {
    id_token: tokens.IdToken,
    access_token: tokens.AccessToken,
    token_type: "Bearer",
    expires_in: String(tokens.ExpiresIn),
    state: authorize.state,
  };
  return { kind: "signedIn", managedLoginSession, location: redirectBack(authorize.redirectUri, fragment, true) };
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
