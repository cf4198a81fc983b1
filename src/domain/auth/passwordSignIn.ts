import { preventsUserExistenceErrors } from "../clients/index.js";
import { CognitoError } from "../errors.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import { issueTokens } from "../tokens/issue.js";
import { findUser, userNotFound } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { requiredParameter, type AuthDeps, type AuthOutcome, type ClientInPool } from "./deps.js";
import { checkNotLockedOut, recordFailedSignIn } from "./lockout.js";
import { newPasswordChallenge } from "./newPassword.js";
import { checkSecretHash } from "./secretHash.js";

export function incorrectCredentials(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Incorrect username or password.");
}

/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH): USERNAME (the username, an alias or
 * the sub) and PASSWORD. In order: parameters, SECRET_HASH over the name typed, the user, the lockout, then
 * the password and the user's state. A correct password clears the failure count; a wrong one adds to it.
 *
 * With PreventUserExistenceErrors a missing user costs the same argon2 verification as a real one and
 * answers like a wrong password; without it, the user's state speaks before the password is checked for
 * UNCONFIRMED (as Cognito does: it tells an unconfirmed user so whatever they typed) and RESET_REQUIRED (the
 * old password no longer counts). With it, both wait for a correct password, and a reset is not revealed.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  const username = requiredParameter(parameters, "USERNAME");
  const password = requiredParameter(parameters, "PASSWORD");
  checkSecretHash(client, parameters?.SECRET_HASH, username);
  const hidesUsers = preventsUserExistenceErrors(client);

  const user = await findUser(deps.store, pool, username);
  if (user === undefined) {
    if (!hidesUsers) throw userNotFound();
    await verifyAgainstDummy(deps.hasher, password);
    throw incorrectCredentials();
  }
  const failures = await checkNotLockedOut(deps.store, user, now);
  if (!hidesUsers && user.status === "UNCONFIRMED") throw notConfirmed();
  if (!hidesUsers && user.status === "RESET_REQUIRED") throw resetRequired();

  if (!(await passwordMatches(deps.hasher, user, password))) {
    await recordFailedSignIn(deps.store, user, now);
    throw incorrectCredentials();
  }
  if (failures !== undefined) await deps.store.users.clearSignInFailures(pool.id, user.username);
  if (!user.enabled) throw new CognitoError("NotAuthorizedException", "User is disabled.");

  switch (user.status) {
    case "CONFIRMED":
      return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(deps, { pool, client, user, now }) };
    case "FORCE_CHANGE_PASSWORD":
      if (user.password?.expiresAt !== undefined && user.password.expiresAt.getTime() <= now.getTime()) {
        throw new CognitoError("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.");
      }
      return newPasswordChallenge(deps, { pool, client, user, now });
    case "UNCONFIRMED":
      throw notConfirmed();
    default:
      // RESET_REQUIRED behind PreventUserExistenceErrors (Cognito documents the generic answer for it), and
      // states no password sign-in leads out of (EXTERNAL_PROVIDER and the retired ones).
      throw incorrectCredentials();
  }
}

function notConfirmed(): CognitoError {
  return new CognitoError("UserNotConfirmedException", "User is not confirmed.");
}

function resetRequired(): CognitoError {
  return new CognitoError("PasswordResetRequiredException", "Password reset required for the user");
}

/** A user without a password (passwordless, federated) fails like a wrong password, after the same work. */
async function passwordMatches(hasher: PasswordHasher, user: UserRecord, password: string): Promise<boolean> {
  if (user.password === undefined) {
    await verifyAgainstDummy(hasher, password);
    return false;
  }
  return hasher.verify(user.password.hash, password);
}

/** One hash per hasher, made with its current parameters, so that a verification against it costs what a real one does. */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

async function verifyAgainstDummy(hasher: PasswordHasher, password: string): Promise<void> {
  let dummy = dummyHashes.get(hasher);
  if (dummy === undefined) {
    dummy = hasher.hash("cognate: no such user");
    dummyHashes.set(hasher, dummy);
  }
  await hasher.verify(await dummy, password);
}
