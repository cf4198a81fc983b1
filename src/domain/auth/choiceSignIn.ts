import type { AuthFactorType, ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { preventsUserExistenceErrors } from "../clients/appClient.js";
import {
  challengeNotAvailable,
  invalidSession,
  userAuthNotInLite,
  userDisabled,
  userNotConfirmed,
  userNotFound,
} from "../../errors/catalogue.js";
import { userPoolTier } from "../pools/settings.js";
import { usernameKey } from "../users/aliases.js";
import { isVerified } from "../users/attributes.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { codeDestination, pretendCodeChallenge, sendCodeChallenge } from "./codeChallenges.js";
import { checkNotLockedOut } from "./lockout.js";
import { checkPassword } from "./passwordSignIn.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import { clientPublicValue, findSrpUser, offerPasswordVerifier } from "./srpSignIn.js";
import { offerWebAuthn, passkeySignInAvailable } from "./webAuthnSignIn.js";

/**
 * The first factors of choice-based sign-in, in the order AvailableChallenges lists them, each with whether a
 * user may use it: the password (sent as is, or proven by SRP) always, as the pool's SignInPolicy always
 * allows it; a code by email to a verified address; a code by text to a verified phone number. WEB_AUTHN is
 * added by `challengesOffered` for a user with a passkey where the pool allows passkeys (./webAuthnSignIn.ts).
 */
const FIRST_FACTORS: readonly { challenge: ChallengeNameType; factor: AuthFactorType; usableBy(user: UserRecord): boolean }[] = [
  { challenge: "PASSWORD", factor: "PASSWORD", usableBy: () => true },
  { challenge: "PASSWORD_SRP", factor: "PASSWORD", usableBy: () => true },
  { challenge: "EMAIL_OTP", factor: "EMAIL_OTP", usableBy: (user) => isVerified(user.attributes, "email") && codeDestination(user, "EMAIL_OTP") !== undefined },
  { challenge: "SMS_OTP", factor: "SMS_OTP", usableBy: (user) => isVerified(user.attributes, "phone_number") && codeDestination(user, "SMS_OTP") !== undefined },
];

/** The pool's SignInPolicy.AllowedFirstAuthFactors; a pool that never set one allows the password alone. */
function allowedFirstFactors(pool: ClientInPool["pool"]): readonly AuthFactorType[] {
  return pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
}

/**
 * The challenges USER_AUTH offers this user: those the pool allows and the user can answer. A name nobody
 * holds (behind PreventUserExistenceErrors) is offered all the pool allows, as a real user could be.
 */
export function availableChallenges(pool: ClientInPool["pool"], user: UserRecord | undefined): ChallengeNameType[] {
  const allowed = allowedFirstFactors(pool);
  return FIRST_FACTORS.filter(({ factor, usableBy }) => allowed.includes(factor) && (user === undefined || usableBy(user))).map(
    ({ challenge }) => challenge,
  );
}

/**
 * USER_AUTH (choice-based sign-in, ESSENTIALS and PLUS pools): USERNAME and an optional PREFERRED_CHALLENGE.
 * PASSWORD (with PASSWORD) signs in as USER_PASSWORD_AUTH does; PASSWORD_SRP (with SRP_A) answers
 * PASSWORD_VERIFIER as USER_SRP_AUTH does; EMAIL_OTP and SMS_OTP send a code and answer that challenge.
 * Without a preference, or with one this user cannot use, the reply is SELECT_CHALLENGE: a Session and the
 * AvailableChallenges to choose from.
 */
export async function startChoiceSignIn(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  if (userPoolTier(pool) === "LITE") throw userAuthNotInLite();
  const username = requiredParameter(parameters, "USERNAME");
  switch (parameters?.PREFERRED_CHALLENGE) {
    case "PASSWORD": {
      const password = requiredParameter(parameters, "PASSWORD");
      checkSecretHash(client, parameters?.SECRET_HASH, username);
      return checkPassword(deps, { pool, client, user: await findUser(deps.store, pool, username), password, now });
    }
    case "PASSWORD_SRP": {
      const A = clientPublicValue(requiredParameter(parameters, "SRP_A"));
      checkSecretHash(client, parameters?.SECRET_HASH, username);
      return offerPasswordVerifier(deps, { pool, client, user: await findSrpUser(deps.store, pool, username), username, A, now });
    }
    case "EMAIL_OTP":
    case "SMS_OTP": {
      const challenge = parameters.PREFERRED_CHALLENGE;
      checkSecretHash(client, parameters?.SECRET_HASH, username);
      const user = await findUser(deps.store, pool, username);
      if (!availableChallenges(pool, user).includes(challenge)) return selectChallenge(deps, { pool, client, username, now });
      return sendFirstFactorCode(deps, { pool, client, user, username, challenge, now });
    }
    case "WEB_AUTHN": {
      checkSecretHash(client, parameters?.SECRET_HASH, username);
      const user = await findUser(deps.store, pool, username);
      const rp = await passkeySignInAvailable(deps, pool, user);
      if (user !== undefined && rp !== undefined) return offerWebAuthn(deps, { pool, client, user, rp, now });
      return selectChallenge(deps, { pool, client, username, now });
    }
    default:
      checkSecretHash(client, parameters?.SECRET_HASH, username);
      return selectChallenge(deps, { pool, client, username, now });
  }
}

/**
 * A passwordless first factor: the code sent to the user, once they may sign in at all (not locked out,
 * enabled, confirmed). A name nobody holds is UserNotFoundException, or behind PreventUserExistenceErrors a
 * challenge like a real user's that no code answers.
 */
async function sendFirstFactorCode(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord | undefined; username: string; challenge: "EMAIL_OTP" | "SMS_OTP"; now: Date },
): Promise<AuthOutcome> {
  const { client, user, now } = request;
  if (user === undefined) {
    if (!preventsUserExistenceErrors(client)) throw userNotFound();
    return pretendCodeChallenge(deps, request);
  }
  await checkNotLockedOut(deps.store, user, now);
  if (!user.enabled) throw userDisabled();
  if (user.status === "UNCONFIRMED") throw userNotConfirmed();
  return sendCodeChallenge(deps, { ...request, user });
}

/**
 * SELECT_CHALLENGE for the user USERNAME names. An unknown name is UserNotFoundException, or behind
 * PreventUserExistenceErrors the same choice a real user gets (the session then remembers the name typed,
 * and whatever is chosen fails as a wrong password would).
 */
async function selectChallenge(
  deps: AuthDeps,
  request: ClientInPool & { username: string; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, username, now } = request;
  const user = await findUser(deps.store, pool, username);
  if (user === undefined && !preventsUserExistenceErrors(client)) throw userNotFound();
  const session = await startSession(deps, {
    client,
    username: user?.username ?? usernameKey(pool, username),
    challenge: "SELECT_CHALLENGE",
    now,
    data: user === undefined ? { unknownUser: true } : {},
  });
  return {
    ChallengeName: "SELECT_CHALLENGE",
    Session: session,
    ChallengeParameters: {},
    AvailableChallenges: await challengesOffered(deps, pool, user),
  };
}

/** The first factors the user may choose: those of FIRST_FACTORS, and WEB_AUTHN when a passkey of theirs can be used. */
export async function challengesOffered(
  deps: AuthDeps,
  pool: ClientInPool["pool"],
  user: Awaited<ReturnType<typeof findUser>>,
): Promise<ChallengeNameType[]> {
  const passkey = await passkeySignInAvailable(deps, pool, user);
  return [...availableChallenges(pool, user), ...(passkey === undefined ? [] : (["WEB_AUTHN"] as const))];
}

/**
 * The answer to SELECT_CHALLENGE: USERNAME (any name of the session's user), ANSWER (one of the
 * AvailableChallenges) and, for the password choices, that challenge's own answer in the same request:
 * PASSWORD, or SRP_A. The input is checked first (a mistake there changes nothing); then the session is used
 * up and the choice goes on as the preferred challenge would have: tokens or another challenge for PASSWORD,
 * PASSWORD_VERIFIER for PASSWORD_SRP, a code sent for EMAIL_OTP and SMS_OTP.
 */
export async function answerSelectChallenge(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const answer = requiredParameter(responses, "ANSWER");
  const user = await findUser(deps.store, pool, username);
  const available = availableChallenges(pool, user);
  const passkeyChosen = answer === "WEB_AUTHN";
  if (!passkeyChosen && !(available as string[]).includes(answer)) throw challengeNotAvailable(available);
  const choice: { password: string } | { A: bigint } | { otp: "EMAIL_OTP" | "SMS_OTP" } | { passkey: true } = passkeyChosen
    ? { passkey: true }
    : answer === "PASSWORD"
      ? { password: requiredParameter(responses, "PASSWORD") }
      : answer === "PASSWORD_SRP"
        ? { A: clientPublicValue(requiredParameter(responses, "SRP_A")) }
        : { otp: answer as "EMAIL_OTP" | "SMS_OTP" };
  checkSecretHash(client, responses?.SECRET_HASH, username);

  const session = await openSession(deps.store, { token: request.session, client, challenge: "SELECT_CHALLENGE", now });
  const sameUser =
    session.data.unknownUser === true
      ? user === undefined && usernameKey(pool, username) === session.username
      : user?.username === session.username;
  if (!sameUser) throw invalidSession();
  if ("passkey" in choice) {
    const rp = await passkeySignInAvailable(deps, pool, user);
    if (user === undefined || rp === undefined) throw challengeNotAvailable(await challengesOffered(deps, pool, user));
    await consumeSession(deps.store, session);
    return offerWebAuthn(deps, { pool, client, user, rp, now });
  }
  await consumeSession(deps.store, session);

  if ("password" in choice) return checkPassword(deps, { pool, client, user, password: choice.password, now });
  if ("A" in choice) return offerPasswordVerifier(deps, { pool, client, user, username, A: choice.A, now });
  return sendFirstFactorCode(deps, { pool, client, user, username, challenge: choice.otp, now });
}
