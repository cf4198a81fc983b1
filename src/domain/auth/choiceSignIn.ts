import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { preventsUserExistenceErrors } from "../clients/appClient.js";
import { challengeNotAvailable, invalidSession, userAuthNotInLite, userNotFound } from "../../errors/catalogue.js";
import { userPoolTier } from "../pools/settings.js";
import { usernameKey } from "../users/aliases.js";
import { findUser } from "../users/resolve.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { checkPassword } from "./passwordSignIn.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";
import { clientPublicValue, findSrpUser, offerPasswordVerifier } from "./srpSignIn.js";
import { offerWebAuthn, passkeySignInAvailable } from "./webAuthnSignIn.js";

/**
 * The first factors Cognate offers in choice-based sign-in to everyone: the password, sent as is or proven by
 * SRP. The pool's SignInPolicy always allows PASSWORD, which covers both. WEB_AUTHN is added for a user with a
 * passkey where the pool allows passkeys (./webAuthnSignIn.ts).
 */
const AVAILABLE_CHALLENGES: readonly ChallengeNameType[] = ["PASSWORD", "PASSWORD_SRP"];

/**
 * USER_AUTH (choice-based sign-in, ESSENTIALS and PLUS pools): USERNAME and an optional PREFERRED_CHALLENGE.
 * PASSWORD (with PASSWORD) signs in as USER_PASSWORD_AUTH does; PASSWORD_SRP (with SRP_A) answers
 * PASSWORD_VERIFIER as USER_SRP_AUTH does. Without a preference, or with one Cognate cannot offer, the reply
 * is SELECT_CHALLENGE: a Session and the AvailableChallenges to choose from.
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
    AvailableChallenges: await availableChallenges(deps, pool, user),
  };
}

/** The first factors the user may choose: the password ones, and WEB_AUTHN when a passkey of theirs can be used. */
async function availableChallenges(
  deps: AuthDeps,
  pool: ClientInPool["pool"],
  user: Awaited<ReturnType<typeof findUser>>,
): Promise<ChallengeNameType[]> {
  const passkey = await passkeySignInAvailable(deps, pool, user);
  return [...AVAILABLE_CHALLENGES, ...(passkey === undefined ? [] : (["WEB_AUTHN"] as const))];
}

/**
 * The answer to SELECT_CHALLENGE: USERNAME (any name of the session's user), ANSWER (one of the
 * AvailableChallenges) and that challenge's own answer in the same request: PASSWORD, or SRP_A. The input is
 * checked first (a mistake there changes nothing); then the session is used up and the choice goes on as
 * the preferred challenge would have: tokens or another challenge for PASSWORD, PASSWORD_VERIFIER for
 * PASSWORD_SRP.
 */
export async function answerSelectChallenge(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const answer = requiredParameter(responses, "ANSWER");
  const passkeyChosen = answer === "WEB_AUTHN";
  if (!passkeyChosen && !(AVAILABLE_CHALLENGES as readonly string[]).includes(answer)) throw challengeNotAvailable(AVAILABLE_CHALLENGES);
  const choice: { password: string } | { A: bigint } | { passkey: true } = passkeyChosen
    ? { passkey: true }
    : answer === "PASSWORD"
      ? { password: requiredParameter(responses, "PASSWORD") }
      : { A: clientPublicValue(requiredParameter(responses, "SRP_A")) };
  checkSecretHash(client, responses?.SECRET_HASH, username);

  const session = await openSession(deps.store, { token: request.session, client, challenge: "SELECT_CHALLENGE", now });
  const user = await findUser(deps.store, pool, username);
  const sameUser =
    session.data.unknownUser === true
      ? user === undefined && usernameKey(pool, username) === session.username
      : user?.username === session.username;
  if (!sameUser) throw invalidSession();
  if ("passkey" in choice) {
    const rp = await passkeySignInAvailable(deps, pool, user);
    if (user === undefined || rp === undefined) throw challengeNotAvailable(await availableChallenges(deps, pool, user));
    await consumeSession(deps.store, session);
    return offerWebAuthn(deps, { pool, client, user, rp, now });
  }
  await consumeSession(deps.store, session);

  if ("password" in choice) return checkPassword(deps, { pool, client, user, password: choice.password, now });
  return offerPasswordVerifier(deps, { pool, client, user, username, A: choice.A, now });
}
