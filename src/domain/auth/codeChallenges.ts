import { invalidSession, signInCodeMismatch } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { ClientInPool } from "../clients/types.js";
import { imitateCodeCheck, imitateNewCode } from "../codes/codes.js";
import { maskDestination, simulatedDeliveryDetails } from "../codes/delivery.js";
import { deliverMessage } from "../messages/outbox.js";
import { authenticationText } from "../messages/templates.js";
import type { MessageChannel } from "../messages/types.js";
import { randomString } from "../random.js";
import { withEmailMfaSetUp } from "../mfa/userMfa.js";
import { claimAliases, mapUserConflict } from "../users/aliasClaims.js";
import { usernameKey, withAttributes } from "../users/aliases.js";
import { isVerified, VERIFIED_FLAG } from "../users/attributes.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { sessionUser, tokensFor } from "./challengeUser.js";
import { checkNotLockedOut, recordFailedSignIn } from "./lockout.js";
import { requiredParameter } from "./parameters.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import type { AuthDeps, AuthOutcome, AuthSessionRecord } from "./types.js";

/*
 * The challenges answered with a code Cognate sends to the user's phone or email (docs/behaviour.md#mfa-challenges):
 * SMS_MFA and EMAIL_OTP as second factors, EMAIL_OTP and SMS_OTP as USER_AUTH's passwordless first factors.
 * Either way the right code ends the sign-in with tokens: Cognito asks for no second factor after a
 * passwordless first one.
 */

export type CodeChallenge = "SMS_MFA" | "EMAIL_OTP" | "SMS_OTP";

const CHANNEL: Record<CodeChallenge, MessageChannel> = { SMS_MFA: "SMS", EMAIL_OTP: "EMAIL", SMS_OTP: "SMS" };
const ANSWER_KEY: Record<CodeChallenge, string> = { SMS_MFA: "SMS_MFA_CODE", EMAIL_OTP: "EMAIL_OTP_CODE", SMS_OTP: "SMS_OTP_CODE" };
/** Cognito texts six digits and emails eight. */
const CODE_LENGTH: Record<MessageChannel, number> = { SMS: 6, EMAIL: 8 };

/** Where the user receives a code of this challenge: the phone number or the email address, if any. */
export function codeDestination(user: UserRecord, challenge: CodeChallenge): string | undefined {
  const value = CHANNEL[challenge] === "SMS" ? user.attributes.phone_number : user.attributes.email;
  return value === "" ? undefined : value;
}

/**
 * Sends the user a fresh code and opens the challenge's session, in one transaction (a session without its
 * message, or a message without its session, is never left behind). Only a slow digest of the code is kept,
 * in the session, which lasts the client's AuthSessionValidity: the code expires and is used up with it.
 * The caller checks that the user has a destination (codeDestination), unless it is setting up email MFA:
 * then the code goes to the address the user gave, kept in the session until the code proves it, and the
 * MFA_SETUP session is used up in the same transaction.
 */
export async function sendCodeChallenge(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord; challenge: CodeChallenge; now: Date; emailSetUp?: { session: AuthSessionRecord; email: string } },
): Promise<AuthOutcome> {
  const { pool, client, user, challenge, now, emailSetUp } = request;
  const destination = emailSetUp?.email ?? codeDestination(user, challenge);
  if (destination === undefined) throw new Error(`no destination for a ${challenge} code: check codeDestination first`);
  const channel = CHANNEL[challenge];
  const code = randomString(deps.random, CODE_LENGTH[channel], "0123456789");
  const codeDigest = await deps.hasher.hash(code);
  const data = emailSetUp === undefined ? { codeDigest, destination } : { codeDigest, destination, setUpEmail: emailSetUp.email };
  const session = await deps.store.transaction(async (tx) => {
    if (emailSetUp !== undefined) await consumeSession(tx, emailSetUp.session);
    const token = await startSession({ store: tx, random: deps.random }, { client, username: user.username, challenge, now, data });
    await deliverMessage(
      deps,
      tx,
      { poolId: pool.id, username: user.username, channel, destination, ...authenticationText(pool, channel, code), code, kind: "authentication" },
      now,
    );
    return token;
  });
  return {
    ChallengeName: challenge,
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: channel,
      CODE_DELIVERY_DESTINATION: maskDestination({ channel, destination }),
    },
  };
}

/**
 * A passwordless code challenge for a name nobody holds, behind PreventUserExistenceErrors: the same answer
 * a real user gets, with a destination derived from the name, and no message. Every code then fails as a
 * wrong one does.
 */
export async function pretendCodeChallenge(
  deps: AuthDeps,
  request: ClientInPool & { username: string; challenge: "EMAIL_OTP" | "SMS_OTP"; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, username, challenge, now } = request;
  await imitateNewCode(deps);
  const details = simulatedDeliveryDetails(pool, username, [challenge === "EMAIL_OTP" ? "email" : "phone_number"]);
  const session = await startSession(deps, { client, username: usernameKey(pool, username), challenge, now, data: { unknownUser: true } });
  return {
    ChallengeName: challenge,
    Session: session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: CHANNEL[challenge], CODE_DELIVERY_DESTINATION: details.Destination ?? "" },
  };
}

/**
 * The answer to a code challenge: USERNAME and the code (SMS_MFA_CODE, EMAIL_OTP_CODE or SMS_OTP_CODE;
 * SECRET_HASH over USERNAME). A wrong code counts toward the lockout, as a wrong password does, and leaves
 * the session for another try while it lasts; the right one uses the session, and so the code, up. The
 * code of an email MFA set-up also proves the address: the user keeps it, verified, with email MFA on.
 */
export async function answerCodeChallenge(
  deps: AuthDeps,
  request: ClientInPool & { challenge: CodeChallenge; session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, challenge, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const code = requiredParameter(responses, ANSWER_KEY[challenge]);
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const pretended = await openSession(deps.store, { token: request.session, client, challenge, now });
  if (pretended.data.unknownUser === true) {
    if ((await findUser(deps.store, pool, username)) !== undefined || usernameKey(pool, username) !== pretended.username) throw invalidSession();
    await imitateCodeCheck(deps, code);
    throw signInCodeMismatch();
  }
  const { session, user } = await sessionUser(deps, { ...request, username });
  const digest = session.data.codeDigest;
  if (typeof digest !== "string") throw invalidSession();
  const failures = await checkNotLockedOut(deps.store, user, now);
  if (!(await deps.hasher.verify(digest, code))) {
    await recordFailedSignIn(deps.store, user, now);
    throw signInCodeMismatch();
  }
  const setUpEmail = session.data.setUpEmail;
  const signedIn =
    typeof setUpEmail === "string" && challenge === "EMAIL_OTP"
      ? withEmailMfaSetUp(pool, user, setUpEmail, now)
      : await withDestinationVerified(deps, { pool, user, challenge, destination: session.data.destination, now });
  await deps.store.transaction(async (tx) => {
    await consumeSession(tx, session);
    if (signedIn === user) return;
    await claimAliases(tx, pool, signedIn, { creating: false, force: false, now });
    if (!(await mapUserConflict(pool, false, tx.users.update(signedIn)))) throw invalidSession();
  });
  if (failures !== undefined) await deps.store.users.clearSignInFailures(user.poolId, user.username);
  return tokensFor(deps, { ...request, user: signedIn });
}

/**
 * The user with the phone number or email address the code went to marked verified, as Cognito marks it after
 * a first MFA code (docs/behaviour.md#mfa-challenges): unless it changed since the code was sent, is verified
 * already, or is an alias another user holds verified (then the user signs in and it stays unverified).
 */
async function withDestinationVerified(
  deps: AuthDeps,
  request: { pool: ClientInPool["pool"]; user: UserRecord; challenge: CodeChallenge; destination: unknown; now: Date },
): Promise<UserRecord> {
  const { pool, user, challenge, now } = request;
  const attribute = CHANNEL[challenge] === "SMS" ? "phone_number" : "email";
  if (user.attributes[attribute] !== request.destination || isVerified(user.attributes, attribute)) return user;
  const verified = withAttributes(pool, user, { ...user.attributes, [VERIFIED_FLAG[attribute]]: "true" }, now);
  try {
    await claimAliases(deps.store, pool, verified, { creating: false, force: false, now });
  } catch (error) {
    if (error instanceof CognitoError) return user;
    throw error;
  }
  return verified;
}
