import { preventsUserExistenceErrors } from "../clients/appClient.js";
import {
  incorrectUsernameOrPassword,
  passwordResetRequired,
  temporaryPasswordExpired,
  userDisabled,
  userNotConfirmed,
  userNotFound,
} from "../../errors/catalogue.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import { storedPasswordMatches } from "../passwords/importedHash.js";
import { passwordSecrets } from "../passwords/secrets.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { checkNotLockedOut, recordFailedSignIn } from "./lockout.js";
import { newPasswordChallenge } from "./newPassword.js";
import { completeSignIn } from "./secondFactor.js";
import { checkSecretHash } from "./secretHash.js";
import { preAuthentication } from "../triggers/userTriggers.js";
import { migrateOnSignIn } from "../triggers/migration.js";
import type { SignInFailures } from "./types.js";

/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH): USERNAME (the username, an alias or
 * the sub) and PASSWORD, SECRET_HASH computed over the name typed; then `checkPassword`.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  const username = requiredParameter(parameters, "USERNAME");
  const password = requiredParameter(parameters, "PASSWORD");
  checkSecretHash(client, parameters?.SECRET_HASH, username);
  const user =
    (await findUser(deps.store, pool, username)) ??
    (await migrateOnSignIn(deps, pool, { username, password, clientId: client.clientId, now }));
  if (user !== undefined) await preAuthentication(deps, pool, { user, clientId: client.clientId });
  return checkPassword(deps, { pool, client, user, password, now });
}

/**
 * A password sign-in once the name typed is resolved (`user` undefined: nobody holds it): the lockout, then
 * the password, then the user's state. A correct password clears the failure count; a wrong one adds to it.
 * Also USER_AUTH's PASSWORD choice.
 *
 * With PreventUserExistenceErrors a missing user costs the same argon2 verification as a real one and
 * answers like a wrong password; without it, UserNotFoundException. A successful sign-in whose hash was made
 * with other argon2id parameters than the configured ones upgrades it (SRP never sees the password, so never).
 */
export async function checkPassword(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord | undefined; password: string; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, password, now } = request;
  const { user, failures } = await provePassword(deps, request);
  const imported = user.password?.importedAs === undefined ? undefined : user.password;
  if (imported !== undefined) {
    // docs/behaviour.md, User import jobs: the imported hash is proven, and replaced now by Cognate's own argon2id
    // hash and SRP verifier, in the sign-in's transaction (a refused sign-in replaces nothing).
    const secrets = await passwordSecrets(deps, { poolId: pool.id, username: user.username, password, temporary: false, now });
    return deps.store.transaction(async (tx) => {
      const outcome = await afterPasswordProven({ ...deps, store: tx }, { pool, client, user, failures, now });
      await tx.users.replacePassword(pool.id, user.username, imported.hash, secrets);
      return outcome;
    });
  }
  const current = user.password?.hash;
  if (current === undefined || !deps.hasher.needsRehash(current)) return afterPasswordProven(deps, { pool, client, user, failures, now });
  // The hash was made with other argon2id parameters than the configured ones: only here, with the password in
  // hand and proven, can it be upgraded (docs/behaviour.md, Re-hashing). Hashed before the transaction, so the
  // write lock never waits on argon2; written in the sign-in's transaction, so a refused sign-in upgrades nothing.
  const upgraded = await deps.hasher.hash(password);
  return deps.store.transaction(async (tx) => {
    const outcome = await afterPasswordProven({ ...deps, store: tx }, { pool, client, user, failures, now });
    await tx.users.replacePasswordHash(pool.id, user.username, current, upgraded);
    return outcome;
  });
}

/**
 * The password check itself, before any re-hash (checkPassword's first step): the lockout, the user's
 * existence (see checkPassword), the password. Returns the user and the failures counted before.
 */
async function provePassword(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord | undefined; password: string; now: Date },
): Promise<{ user: UserRecord; failures: SignInFailures | undefined }> {
  const { client, user, password, now } = request;
  if (user === undefined) {
    if (!preventsUserExistenceErrors(client)) throw userNotFound();
    await verifyAgainstDummy(deps.hasher, password);
    throw incorrectUsernameOrPassword();
  }
  const failures = await checkBeforeProof(deps.store, { client, user, now });
  if (!(await passwordMatches(deps.hasher, user, password))) return rejectProof(deps.store, { user, now });
  return { user, failures };
}

/**
 * What every password sign-in (argon2 or SRP) checks once it knows the user, before any proof of the password
 * is looked at: the lockout (the attempt then neither counts nor extends it); and, unless the client hides
 * user existence, the states that speak first: UNCONFIRMED (Cognito tells an unconfirmed user so whatever
 * they typed) and RESET_REQUIRED (the old password no longer counts). Behind PreventUserExistenceErrors both
 * wait for a correct password, and a reset is not revealed. Returns the failures counted so far.
 */
export async function checkBeforeProof(
  store: Store,
  request: { client: ClientInPool["client"]; user: UserRecord; now: Date },
): Promise<SignInFailures | undefined> {
  const { client, user, now } = request;
  const failures = await checkNotLockedOut(store, user, now);
  if (!preventsUserExistenceErrors(client)) {
    if (user.status === "UNCONFIRMED") throw userNotConfirmed();
    if (user.status === "RESET_REQUIRED") throw passwordResetRequired();
  }
  return failures;
}

/** A wrong password or SRP proof: counted toward the lockout, answered as a wrong password. */
export async function rejectProof(store: Store, request: { user: UserRecord; now: Date }): Promise<never> {
  await recordFailedSignIn(store, request.user, request.now);
  throw incorrectUsernameOrPassword();
}

/**
 * Everything after the password is proven, whichever way it was: the failure count is cleared, then a
 * disabled user is refused, and the state decides: the second factor and tokens when CONFIRMED, NEW_PASSWORD_REQUIRED for an
 * unexpired temporary password, Cognito's errors otherwise.
 */
export async function afterPasswordProven(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord; failures: SignInFailures | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, user, now } = request;
  if ((await settleProvenPassword(deps.store, request)) === "confirmed") return completeSignIn(deps, { pool, client, user, now });
  return newPasswordChallenge(deps, { pool, client, user, now });
}

/**
 * What a proven password leads to: the failure count is cleared, a disabled user is refused, and the state
 * decides: "confirmed" (tokens may be issued), "newPasswordRequired" for an unexpired temporary password,
 * Cognito's errors otherwise.
 */
async function settleProvenPassword(
  store: Store,
  request: { pool: ClientInPool["pool"]; user: UserRecord; failures: SignInFailures | undefined; now: Date },
): Promise<"confirmed" | "newPasswordRequired"> {
  const { pool, user, failures, now } = request;
  if (failures !== undefined) await store.users.clearSignInFailures(pool.id, user.username);
  if (!user.enabled) throw userDisabled();

  switch (user.status) {
    case "CONFIRMED":
      return "confirmed";
    case "FORCE_CHANGE_PASSWORD":
      if (user.password?.expiresAt !== undefined && user.password.expiresAt.getTime() <= now.getTime()) {
        throw temporaryPasswordExpired();
      }
      return "newPasswordRequired";
    case "UNCONFIRMED":
      throw userNotConfirmed();
    default:
      // RESET_REQUIRED behind PreventUserExistenceErrors (Cognito documents the generic answer for it), and
      // states no password sign-in leads out of (EXTERNAL_PROVIDER and the retired ones).
      throw incorrectUsernameOrPassword();
  }
}

/** A user without a password (passwordless, federated) fails like a wrong password, after the same work. */
async function passwordMatches(hasher: PasswordHasher, user: UserRecord, password: string): Promise<boolean> {
  if (user.password === undefined) {
    await verifyAgainstDummy(hasher, password);
    return false;
  }
  return storedPasswordMatches(hasher, user.password, password);
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
