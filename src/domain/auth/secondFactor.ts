import {
  invalidSession,
  mfaChallengeNotSupportedYet,
  mfaSetupNotDone,
  softwareTokenCodeInvalid,
  userDisabled,
} from "../../errors/catalogue.js";
import type { ClientInPool } from "../clients/types.js";
import { enabledFactors } from "../mfa/poolMfaConfig.js";
import { matchingTotpStep } from "../mfa/totp.js";
import { mfaConfiguration } from "../pools/settings.js";
import { issueTokens } from "../tokens/issue.js";
import { findUser } from "../users/resolve.js";
import type { MfaFactorName, UserRecord } from "../users/types.js";
import { checkNotLockedOut, recordFailedSignIn } from "./lockout.js";
import { requiredParameter } from "./parameters.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome, AuthSessionRecord } from "./types.js";

/*
 * The second factor, asked for in the one place every sign-in passes once the user's password (or new
 * password) is proven: before tokens are issued (docs/behaviour.md#mfa-challenges).
 */

/**
 * The end of a first-factor sign-in: tokens when the pool's MFA is off or the user has no factor the pool
 * offers (and MFA is optional); the challenge for the user's factor otherwise; MFA_SETUP when the pool
 * requires MFA and the user has no factor yet.
 */
export async function completeSignIn(deps: AuthDeps, request: ClientInPool & { user: UserRecord; now: Date }): Promise<AuthOutcome> {
  const { pool, client, user, now } = request;
  if (!needsSecondFactor(pool, user)) return tokensFor(deps, request);
  const offered = offeredFactors(request.pool);
  const active = activeFactors(pool, user);
  if (active.length === 0) {
    const session = await startSession(deps, { client, username: user.username, challenge: "MFA_SETUP", now });
    return { ChallengeName: "MFA_SETUP", Session: session, ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(offered) } };
  }
  const preferred = user.mfa?.preferred;
  const chosen = preferred !== undefined && active.includes(preferred) ? preferred : active.length === 1 ? active[0]! : undefined;
  if (chosen !== "SOFTWARE_TOKEN_MFA") throw mfaChallengeNotSupportedYet(chosen ?? "SELECT_MFA_TYPE");
  const session = await startSession(deps, { client, username: user.username, challenge: "SOFTWARE_TOKEN_MFA", now });
  return { ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeParameters: { USER_ID_FOR_SRP: user.username } };
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
  return (user.mfa?.enabled ?? []).filter((factor) => offered.includes(factor));
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
    throw softwareTokenCodeInvalid();
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
 * The answer to MFA_SETUP once the user verified an authenticator app with this session
 * (AssociateSoftwareToken and VerifySoftwareToken): USERNAME; the session is used up and tokens follow.
 */
export async function answerMfaSetup(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { client, responses } = request;
  const username = requiredParameter(responses, "USERNAME");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const { session, user } = await sessionUser(deps, { ...request, username, challenge: "MFA_SETUP" });
  const offered = offeredFactors(request.pool);
  if (!(user.mfa?.enabled ?? []).some((factor) => offered.includes(factor))) throw mfaSetupNotDone();
  await deps.store.transaction((tx) => consumeSession(tx, session));
  return tokensFor(deps, { ...request, user });
}

/** The live session and the user it was opened for, who must still be the one USERNAME names and enabled. */
async function sessionUser(
  deps: AuthDeps,
  request: ClientInPool & { session: string; username: string; challenge: "SOFTWARE_TOKEN_MFA" | "MFA_SETUP"; now: Date },
): Promise<{ session: AuthSessionRecord; user: UserRecord }> {
  const { pool, client, now } = request;
  const session = await openSession(deps.store, { token: request.session, client, challenge: request.challenge, now });
  const user = await findUser(deps.store, pool, request.username);
  if (user === undefined || user.username !== session.username) throw invalidSession();
  if (!user.enabled) throw userDisabled();
  return { session, user };
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

async function tokensFor(deps: AuthDeps, request: ClientInPool & { user: UserRecord; now: Date }): Promise<AuthOutcome> {
  if (deps.finishSignIn !== undefined) return deps.finishSignIn(request);
  return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(deps, request) };
}
