import {
  challengeNotAvailable,
  emailMfaNotEnabledInPool,
  invalidEmailAddress,
  invalidSession,
  mfaSetupNotDone,
  signInCodeMismatch,
} from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import { enabledFactors } from "../mfa/poolMfaConfig.js";
import { matchingTotpStep } from "../mfa/totp.js";
import { withEmailMfaSetUp } from "../mfa/userMfa.js";
import { mfaConfiguration } from "../pools/settings.js";
import { claimAliases } from "../users/aliasClaims.js";
import { isEmailAddress } from "../users/attributes.js";
import type { MfaFactorName, UserRecord } from "../users/types.js";
import { checkNotLockedOut, recordFailedSignIn } from "./lockout.js";
import { requiredParameter } from "./parameters.js";
import { checkSecretHash } from "./secretHash.js";
import { sessionUser, tokensFor } from "./challengeUser.js";
import { codeDestination, sendCodeChallenge } from "./codeChallenges.js";
import { consumeSession, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome } from "./types.js";

/*
 * The second factor, asked for in the one place every sign-in passes once the user's password (or new
 * password) is proven: before tokens are issued (docs/behaviour.md#mfa-challenges).
 */

/**
 * The end of a first-factor sign-in: tokens when the pool's MFA is off or the user has no factor the pool
 * offers (and MFA is optional); the challenge of the user's preferred factor, or of their only one;
 * SELECT_MFA_TYPE when they have several and prefer none. When the pool requires MFA and the user turned no
 * factor on, their phone number and email address serve for the pool's SMS and email MFA, as Cognito does
 * (docs/behaviour.md#mfa-challenges); with neither, MFA_SETUP.
 */
export async function completeSignIn(deps: AuthDeps, request: ClientInPool & { user: UserRecord; now: Date }): Promise<AuthOutcome> {
  const { pool, client, user, now } = request;
  if (!needsSecondFactor(pool, user)) return tokensFor(deps, request);
  const turnedOn = activeFactors(pool, user);
  const active = turnedOn.length > 0 ? turnedOn : reachableFactors(pool, user);
  if (active.length === 0) {
    const session = await startSession(deps, { client, username: user.username, challenge: "MFA_SETUP", now });
    return { ChallengeName: "MFA_SETUP", Session: session, ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(offeredFactors(pool)) } };
  }
  const preferred = user.mfa?.preferred;
  const chosen = preferred !== undefined && active.includes(preferred) ? preferred : active.length === 1 ? active[0] : undefined;
  if (chosen !== undefined) return askFactor(deps, { ...request, factor: chosen });
  const session = await startSession(deps, { client, username: user.username, challenge: "SELECT_MFA_TYPE", now, data: { choices: active } });
  return {
    ChallengeName: "SELECT_MFA_TYPE",
    Session: session,
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(active), USER_ID_FOR_SRP: user.username },
  };
}

/** The challenge of one factor: a code sent by text or email, or the authenticator app's. */
async function askFactor(deps: AuthDeps, request: ClientInPool & { user: UserRecord; factor: MfaFactorName; now: Date }): Promise<AuthOutcome> {
  const { client, user, factor, now } = request;
  if (factor !== "SOFTWARE_TOKEN_MFA") return sendCodeChallenge(deps, { ...request, challenge: factor });
  const session = await startSession(deps, { client, username: user.username, challenge: "SOFTWARE_TOKEN_MFA", now });
  return { ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeParameters: { USER_ID_FOR_SRP: user.username } };
}

/**
 * The answer to SELECT_MFA_TYPE: USERNAME and ANSWER, one of the MFAS_CAN_CHOOSE the challenge listed. A
 * choice it did not list changes nothing; a listed one uses the session up and asks for that factor, with
 * a new session (and, for SMS and email, a code sent).
 */
export async function answerSelectMfaType(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { client, responses } = request;
  const username = requiredParameter(responses, "USERNAME");
  const answer = requiredParameter(responses, "ANSWER");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user } = await sessionUser(deps, { ...request, username, challenge: "SELECT_MFA_TYPE" });
  const choices = Array.isArray(session.data.choices) ? (session.data.choices as MfaFactorName[]) : [];
  const factor = choices.find((choice) => choice === answer);
  if (factor === undefined) throw challengeNotAvailable(choices);
  await deps.store.transaction((tx) => consumeSession(tx, session));
  return askFactor(deps, { ...request, user, factor });
}

/**
 * Whether signing the user in takes more than the first factor: a factor of theirs the pool offers, or (MFA
 * required) setting one up.
 */
export function needsSecondFactor(pool: ClientInPool["pool"], user: UserRecord): boolean {
  const mode = mfaConfiguration(pool);
  if (mode === "OFF") return false;
  return mode === "ON" || activeFactors(pool, user).length > 0;
}

function activeFactors(pool: ClientInPool["pool"], user: UserRecord): MfaFactorName[] {
  const offered = offeredFactors(pool);
  return (user.mfa?.enabled ?? []).filter((factor) => offered.includes(factor) && canReceive(user, factor));
}

/** The pool's SMS and email factors the user has a phone number or an email address for, verified or not. */
function reachableFactors(pool: ClientInPool["pool"], user: UserRecord): MfaFactorName[] {
  return offeredFactors(pool).filter((factor) => factor !== "SOFTWARE_TOKEN_MFA" && canReceive(user, factor));
}

/** A text needs a phone number, an email an address, the app a verified secret (the user may have lost one since). */
function canReceive(user: UserRecord, factor: MfaFactorName): boolean {
  if (factor === "SOFTWARE_TOKEN_MFA") return user.mfa?.softwareToken !== undefined;
  return codeDestination(user, factor) !== undefined;
}

/**
 * The answer to SOFTWARE_TOKEN_MFA: USERNAME, SOFTWARE_TOKEN_MFA_CODE (SECRET_HASH over USERNAME). A wrong
 * code counts toward the lockout, as a wrong password does, and leaves the session for another try while
 * it lasts; the right one uses the session and the code up.
 */
export async function answerSoftwareTokenMfa(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const code = requiredParameter(responses, "SOFTWARE_TOKEN_MFA_CODE");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user } = await sessionUser(deps, { ...request, username, challenge: "SOFTWARE_TOKEN_MFA" });
  const token = user.mfa?.softwareToken;
  if (token === undefined) throw invalidSession();
  const failures = await checkNotLockedOut(deps.store, user, now);
  const step = matchingTotpStep(token.secret, code, now, token.lastUsedStep);
  if (step === undefined) {
    await recordFailedSignIn(deps.store, user, now);
    throw signInCodeMismatch();
  }
  const withCodeUsed: UserRecord = { ...user, mfa: { ...user.mfa!, softwareToken: { ...token, lastUsedStep: step } } };
  await deps.store.transaction(async (tx) => {
    await consumeSession(tx, session);
    if (!(await tx.users.update(withCodeUsed))) throw invalidSession();
  });
  if (failures !== undefined) await deps.store.users.clearSignInFailures(user.poolId, user.username);
  return tokensFor(deps, { ...request, user: withCodeUsed });
}

/**
 * The answer to MFA_SETUP: USERNAME and EMAIL, an address to set email MFA up with, which gets an EMAIL_OTP
 * challenge whose code proves it (docs/behaviour.md#mfa-challenges); or USERNAME alone once the user
 * verified an authenticator app with this session (AssociateSoftwareToken and VerifySoftwareToken): the
 * session is used up and tokens follow.
 */
export async function answerMfaSetup(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user } = await sessionUser(deps, { ...request, username, challenge: "MFA_SETUP" });
  const offered = offeredFactors(request.pool);
  const email = responses?.EMAIL;
  if (email !== undefined) {
    if (!offered.includes("EMAIL_OTP")) throw emailMfaNotEnabledInPool();
    if (!isEmailAddress(email)) throw invalidEmailAddress();
    // An address another user holds as an alias is refused before a code is sent to it.
    await claimAliases(deps.store, pool, withEmailMfaSetUp(pool, user, email, now), { creating: false, force: false, now });
    return sendCodeChallenge(deps, { ...request, user, challenge: "EMAIL_OTP", emailSetUp: { session, email } });
  }
  if (!(user.mfa?.enabled ?? []).some((factor) => offered.includes(factor))) throw mfaSetupNotDone();
  await deps.store.transaction((tx) => consumeSession(tx, session));
  return tokensFor(deps, { ...request, user });
}

/** The second factors the pool offers, in Cognito's order. */
function offeredFactors(pool: ClientInPool["pool"]): MfaFactorName[] {
  const factors = enabledFactors(pool);
  return [
    ...(factors.sms ? (["SMS_MFA"] as const) : []),
    ...(factors.softwareToken ? (["SOFTWARE_TOKEN_MFA"] as const) : []),
    ...(factors.email ? (["EMAIL_OTP"] as const) : []),
  ];
}

