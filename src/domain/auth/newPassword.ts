import { clientCanReadAttribute, clientCanWriteAttribute } from "../clients/attributePermissions.js";
import {
  attributeAlreadyProvided,
  invalidSession,
  requiredAttributeNotGiven,
  unauthorizedAttributeWrite,
  userDisabled,
  USER_POLICY_PREFIX,
} from "../../errors/catalogue.js";
import { saveNewPassword, withNewPassword } from "../passwords/setPassword.js";
import { requiredAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { completeSignIn } from "./secondFactor.js";
import { withAttributes } from "../users/aliases.js";
import { checkWrittenAttributes, VERIFIED_FLAG } from "../users/attributes.js";
import { claimAliases, mapUserConflict } from "../users/aliasClaims.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { checkSecretHash } from "./secretHash.js";
import { consumeSession, openSession, startSession } from "./sessions.js";

const ATTRIBUTE_PREFIX = "userAttributes.";

/**
 * The NEW_PASSWORD_REQUIRED challenge for a user signing in with a temporary password: a session, the
 * internal username (USER_ID_FOR_SRP), the pool's required attributes the user still lacks, and the user's
 * attributes the client may read, `sub` left out as in Cognito's replies. The two lists are JSON strings.
 */
export async function newPasswordChallenge(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, user, now } = request;
  const session = await startSession(deps, { client, username: user.username, challenge: "NEW_PASSWORD_REQUIRED", now });
  const visible: Record<string, string> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name !== "sub" && clientCanReadAttribute(client, name)) visible[name] = value;
  }
  return {
    ChallengeName: "NEW_PASSWORD_REQUIRED",
    Session: session,
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequiredAttributes(pool, user.attributes).map((name) => ATTRIBUTE_PREFIX + name)),
      userAttributes: JSON.stringify(visible),
    },
  };
}

/**
 * The answer to NEW_PASSWORD_REQUIRED: USERNAME (the internal username Cognito expects, or an alias or sub
 * naming the same user), NEW_PASSWORD, and `userAttributes.<name>` entries for attributes the client may
 * write. Every required attribute the user lacks must be given, and one the user already has may not be.
 * The password then goes through the rules of setPassword (policy, history, CONFIRMED), and is saved in the
 * transaction that uses the session up; the second factor, if any, then tokens follow.
 *
 * Any failure (bad attributes, a weak or recent password) changes nothing and leaves the session usable
 * for another try while it lasts. Our choice: Cognito documents nothing here, and the one report found (a
 * refused attribute) suggests it may use the session up even then.
 */
export async function answerNewPasswordRequired(
  deps: AuthDeps,
  request: ClientInPool & { session: string; responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const newPassword = requiredParameter(responses, "NEW_PASSWORD");
  checkSecretHash(client, responses?.SECRET_HASH, username);

  const session = await openSession(deps.store, { token: request.session, client, challenge: "NEW_PASSWORD_REQUIRED", now });
  const user = await findUser(deps.store, pool, username);
  // The user must still be the one the session was opened for, still waiting for a new password.
  if (user === undefined || user.username !== session.username || user.status !== "FORCE_CHANGE_PASSWORD") {
    throw invalidSession();
  }
  if (!user.enabled) throw userDisabled();

  const withGiven = withAttributes(pool, user, attributesAfterAnswer(pool, client, user, responses ?? {}), now);
  // The password is checked and hashed before the transaction, so none is held open during the slow work.
  const confirmed = await withNewPassword(deps, {
    pool,
    user: withGiven,
    password: newPassword,
    permanent: true,
    prefix: USER_POLICY_PREFIX,
    now,
  });
  await deps.store.transaction(async (tx) => {
    await consumeSession(tx, session);
    await claimAliases(tx, pool, confirmed, { creating: false, force: false, now });
    await mapUserConflict(pool, false, saveNewPassword(tx, confirmed));
  });
  // Cognito asks for the second factor (or its set-up) after the new password.
  return completeSignIn(deps, { pool, client, user: confirmed, now });
}

/** Required attributes (sub aside) the user has no value for. */
export function missingRequiredAttributes(pool: UserPoolRecord, attributes: Record<string, string>): string[] {
  return requiredAttributes(pool).filter((name) => (attributes[name] ?? "") === "");
}

/**
 * The user's attributes with those the answer gives, checked: each must be writable by the client and fit
 * the schema; a required one that already has a value may not be given; every required one missing must
 * be. A blank value counts as not given. A changed email or phone number is no longer verified.
 */
function attributesAfterAnswer(
  pool: UserPoolRecord,
  client: ClientInPool["client"],
  user: UserRecord,
  responses: Record<string, string>,
): Record<string, string> {
  const given: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(responses)) {
    if (key.startsWith(ATTRIBUTE_PREFIX) && value !== "") given[key.slice(ATTRIBUTE_PREFIX.length)] = value;
  }
  for (const name of Object.keys(given)) {
    if (!clientCanWriteAttribute(client, name)) throw unauthorizedAttributeWrite();
  }
  // An attribute the user has no value for yet is being set, not changed: an immutable one may be.
  const setting = (name: string) => (user.attributes[name] ?? "") === "";
  checkWrittenAttributes(pool, pick(given, (name) => !setting(name)), "update");
  checkWrittenAttributes(pool, pick(given, setting), "create");
  const required = requiredAttributes(pool);
  for (const name of Object.keys(given)) {
    if (required.includes(name) && !setting(name)) throw attributeAlreadyProvided(name);
  }
  const missing = missingRequiredAttributes(pool, user.attributes).find((name) => given[name] === undefined);
  if (missing !== undefined) throw requiredAttributeNotGiven(missing);
  const attributes = { ...user.attributes, ...given };
  for (const kind of ["email", "phone_number"] as const) {
    if (given[kind] !== undefined && given[kind] !== user.attributes[kind]) attributes[VERIFIED_FLAG[kind]] = "false";
  }
  return attributes;
}

function pick(attributes: Record<string, string>, keep: (name: string) => boolean): Record<string, string> {
  const picked: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(attributes)) if (keep(name)) picked[name] = value;
  return picked;
}
