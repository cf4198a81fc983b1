import { passwordUsedTooRecently, userNotFound, type PolicyMessagePrefix } from "../../errors/catalogue.js";
import { passwordHistorySize, passwordPolicy, temporaryPasswordValidityDays } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import type { PasswordHistory, PasswordSecrets, UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import type { PasswordHasher } from "./hasher.js";
import { weighAgainstHistory } from "./history.js";
import { checkPasswordPolicy } from "./policy.js";
import { passwordSecrets } from "./secrets.js";

export interface SetPasswordDeps {
  store: Store;
  hasher: PasswordHasher;
  random: Random;
}

export interface SetPasswordInput {
  pool: UserPoolRecord;
  /** The user as just read; the written record is this one with the new password. */
  user: UserRecord;
  password: string;
  /** False: a temporary password, changed at the next sign-in (FORCE_CHANGE_PASSWORD) and expiring. */
  permanent: boolean;
  /** How the operation words policy failures (docs/behaviour.md#password-policy-and-history). */
  prefix: PolicyMessagePrefix;
  now: Date;
}

/**
 * Gives a user a new password: the one rule for AdminSetUserPassword, the NEW_PASSWORD_REQUIRED answer,
 * ChangePassword and ConfirmForgotPassword.
 *
 * Checks the pool's policy (`InvalidPasswordException`), then the history (`PasswordHistoryPolicyViolationException`),
 * then stores the password's secrets and history digest. Whatever the status was (UNCONFIRMED, CONFIRMED,
 * FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER, or no password at all), a permanent password
 * makes the user CONFIRMED and a temporary one FORCE_CHANGE_PASSWORD; `enabled` and the attributes are
 * written as `user` has them (a disabled user stays disabled).
 * The failed sign-in count is cleared with the same write, so a locked-out user can sign in with it.
 * Costs one argon2id hash, one SRP verifier and, with a history, one history digest; nothing is written
 * when it throws. Existing tokens are not revoked (Cognito does not either).
 */
export async function setPassword(deps: SetPasswordDeps, input: SetPasswordInput): Promise<UserRecord> {
  const updated = await withNewPassword(deps, input);
  await deps.store.transaction((tx) => saveNewPassword(tx, updated));
  return updated;
}

/**
 * The checks and the slow work of setPassword, writing nothing: callers that must make other writes in the
 * same transaction (using up a challenge session, say) do this first, outside it, so that no transaction is
 * held open while a password is hashed, then call saveNewPassword inside theirs.
 */
export async function withNewPassword(deps: SetPasswordDeps, input: SetPasswordInput): Promise<UserRecord> {
  const { user, permanent, now } = input;
  const prepared = await preparePassword(deps, { ...input, username: user.username, history: user.passwordHistory, checkHistory: true });
  const updated: UserRecord = {
    ...user,
    status: permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
    password: prepared.password,
    lastModifiedAt: now,
  };
  // A pool without a history keeps none: enabling one later starts from the next password.
  if (prepared.passwordHistory === undefined) delete updated.passwordHistory;
  else updated.passwordHistory = prepared.passwordHistory;
  return updated;
}

export interface PreparePasswordInput {
  pool: UserPoolRecord;
  /** The internal username: SRP verifiers are computed over it. */
  username: string;
  /** The user's remembered passwords (none for a new user). */
  history: PasswordHistory | undefined;
  password: string;
  permanent: boolean;
  prefix: PolicyMessagePrefix;
  now: Date;
  /**
   * Whether a recently used password is refused. Every password set by an existing user or an administrator is
   * checked; AdminCreateUser's invitations (new users and RESEND) only remember theirs
   * (docs/behaviour.md#password-policy-and-history).
   */
  checkHistory: boolean;
}

/** A password's stored form: what a user record holds once the password is set. */
export interface PreparedPassword {
  password: PasswordSecrets;
  /** Undefined when the pool keeps no history. */
  passwordHistory: PasswordHistory | undefined;
}

/**
 * The one place a password is accepted and turned into what is stored, for every operation that sets one
 * (AdminCreateUser, SignUp, AdminSetUserPassword, the NEW_PASSWORD_REQUIRED answer, ChangePassword,
 * ConfirmForgotPassword): the pool's policy (`InvalidPasswordException`, worded by `prefix`), then the history
 * (`PasswordHistoryPolicyViolationException`), then one argon2id hash, one SRP verifier and, with a history,
 * one history digest. A temporary password expires after the pool's TemporaryPasswordValidityDays.
 */
export async function preparePassword(deps: SetPasswordDeps, input: PreparePasswordInput): Promise<PreparedPassword> {
  const { pool, password, now } = input;
  checkPasswordPolicy(passwordPolicy(pool), password, input.prefix);
  const history = await weighAgainstHistory(deps.hasher, deps.random, input.history, password, passwordHistorySize(pool));
  if (input.checkHistory && history?.recent === true) throw passwordUsedTooRecently();
  const secrets = await passwordSecrets(deps, {
    poolId: pool.id,
    username: input.username,
    password,
    temporary: !input.permanent,
    now,
    temporaryValidityDays: temporaryPasswordValidityDays(pool),
  });
  return { password: secrets, passwordHistory: history?.history };
}

/**
 * Writes a user prepared by withNewPassword, clears their failed sign-ins and drops a pending reset code
 * (the reset it was for is moot once a new password is set); call it inside a transaction.
 */
export async function saveNewPassword(tx: Store, updated: UserRecord): Promise<void> {
  if (!(await tx.users.update(updated))) throw userNotFound();
  await tx.users.clearSignInFailures(updated.poolId, updated.username);
  await tx.codes.delete(updated.poolId, updated.username, "reset");
}
