import { CognitoError } from "../errors.js";
import { deliverMessage } from "../messages/outbox.js";
import { newVerificationCode, verificationText } from "../messages/templates.js";
import type { MessageChannel } from "../messages/types.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserDeps } from "./deps.js";
import { requireUser, userNotFound } from "./resolve.js";
import type { UserRecord } from "./types.js";

/** AdminConfirmSignUp: UNCONFIRMED becomes CONFIRMED; any other status is refused, naming it. */
export async function confirmSignUp(deps: UserDeps, pool: UserPoolRecord, username: string, now: Date): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (user.status !== "UNCONFIRMED") {
    throw new CognitoError("NotAuthorizedException", `User cannot be confirmed. Current status is ${user.status}`);
  }
  await save(deps, { ...user, status: "CONFIRMED", lastModifiedAt: now });
}

/** AdminEnableUser / AdminDisableUser; setting the state a user already has is no error. */
export async function setEnabled(deps: UserDeps, pool: UserPoolRecord, username: string, enabled: boolean, now: Date): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  await save(deps, { ...user, enabled, lastModifiedAt: now });
}

export async function deleteUser(deps: UserDeps, pool: UserPoolRecord, username: string): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (!(await deps.store.users.delete(pool.id, user.username))) throw userNotFound();
}

/**
 * AdminResetUserPassword: a CONFIRMED user becomes RESET_REQUIRED and is sent a code over a verified
 * channel; a user already in RESET_REQUIRED gets a new code. The code is not kept yet: ConfirmForgotPassword
 * will need it stored with the user.
 */
export async function resetPassword(deps: UserDeps, pool: UserPoolRecord, username: string, now: Date): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (!user.enabled) throw new CognitoError("NotAuthorizedException", "User is disabled.");
  if (user.status !== "CONFIRMED" && user.status !== "RESET_REQUIRED") {
    throw new CognitoError("NotAuthorizedException", "User password cannot be reset in the current state.");
  }
  const channel = recoveryChannel(pool, user);
  if (channel === undefined) {
    throw new CognitoError(
      "InvalidParameterException",
      "Cannot reset password for the user as there is no registered/verified email or phone_number",
    );
  }
  const code = newVerificationCode(deps.random);
  const updated: UserRecord = { ...user, status: "RESET_REQUIRED", lastModifiedAt: now };
  await deps.store.transaction(async (tx) => {
    if (!(await tx.users.update(updated))) throw userNotFound();
    await deliverMessage(
      deps,
      tx,
      { poolId: pool.id, username: user.username, ...channel, ...verificationText(pool, channel.channel, code), code, kind: "reset" },
      now,
    );
  });
}

const RECOVERY_MECHANISMS = {
  verified_email: { attribute: "email", channel: "EMAIL" },
  verified_phone_number: { attribute: "phone_number", channel: "SMS" },
} as const;

/**
 * The verified channel a password-reset code goes to: the pool's AccountRecoverySetting in priority order,
 * or without one (or with only admin_only) Cognito's legacy order, SMS before email.
 */
function recoveryChannel(pool: UserPoolRecord, user: UserRecord): { channel: MessageChannel; destination: string } | undefined {
  const configured = [...(pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [])]
    .sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
    .flatMap((mechanism) => (mechanism.Name === "verified_email" || mechanism.Name === "verified_phone_number" ? [mechanism.Name] : []));
  const order = configured.length > 0 ? configured : (["verified_phone_number", "verified_email"] as const);
  for (const name of order) {
    const { attribute, channel } = RECOVERY_MECHANISMS[name];
    const destination = user.attributes[attribute];
    if (destination !== undefined && user.attributes[`${attribute}_verified`] === "true") return { channel, destination };
  }
  return undefined;
}

async function save(deps: UserDeps, user: UserRecord): Promise<void> {
  if (!(await deps.store.users.update(user))) throw userNotFound();
}
