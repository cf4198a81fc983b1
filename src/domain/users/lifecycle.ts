import type {
  CodeDeliveryDetailsType,
  ConfirmForgotPasswordRequest,
  ForgotPasswordRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { preventsUserExistenceErrors } from "../clients/appClient.js";
import {
  checkCode,
  deliverCode,
  imitateCodeCheck,
  imitateNewCode,
  newCode,
  useCode,
} from "../codes/codes.js";
import { clientRequest } from "../codes/clientRequest.js";
import { codeTarget, recoveryIsAdminOnly, recoveryOrder, simulatedDeliveryDetails } from "../codes/delivery.js";
import {
  codeMismatch,
  noRecoveryChannel,
  passwordCannotBeReset,
  passwordRecoveryAdminOnly,
  userCannotBeConfirmed,
  userDisabled,
  userNotConfirmed,
  userNotFound,
  userNotFoundForClient,
  USER_POLICY_PREFIX,
} from "../../errors/catalogue.js";
import { saveNewPassword, withNewPassword } from "../passwords/setPassword.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserDeps } from "./deps.js";
import { postConfirmation } from "../triggers/userTriggers.js";
import { migrateOnForgotPassword } from "../triggers/migration.js";
import { findUser, requireUser } from "./resolve.js";
import type { UserRecord } from "./types.js";

/** AdminConfirmSignUp: UNCONFIRMED becomes CONFIRMED; any other status is refused, naming it. */
export async function confirmSignUp(
  deps: UserDeps,
  pool: UserPoolRecord,
  username: string,
  now: Date,
  clientMetadata?: Record<string, string>,
): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (user.status !== "UNCONFIRMED") throw userCannotBeConfirmed(user.status);
  const confirmed: UserRecord = { ...user, status: "CONFIRMED", lastModifiedAt: now };
  await save(deps, confirmed);
  await postConfirmation(deps, pool, { source: "ConfirmSignUp", user: confirmed, clientMetadata });
}

/** AdminEnableUser / AdminDisableUser; setting the state a user already has is no error. */
export async function setEnabled(deps: UserDeps, pool: UserPoolRecord, username: string, enabled: boolean, now: Date): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  // A disabled user's access tokens are refused (Cognito: AdminDisableUser "revokes all access tokens") and
  // their refresh tokens answer "User is disabled." for as long as the user stays disabled.
  await save(deps, { ...user, enabled, lastModifiedAt: now });
}

export async function deleteUser(deps: UserDeps, pool: UserPoolRecord, username: string): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (!(await deps.store.users.delete(pool.id, user.username))) throw userNotFound();
}

/**
 * AdminResetUserPassword: a CONFIRMED user becomes RESET_REQUIRED and is sent a code over a verified
 * channel (see codeTarget); a user already in RESET_REQUIRED gets a new code. ConfirmForgotPassword accepts
 * the code as it accepts one from ForgotPassword.
 */
export async function resetPassword(deps: UserDeps, pool: UserPoolRecord, username: string, now: Date): Promise<void> {
  const user = await requireUser(deps.store, pool, username);
  if (!user.enabled) throw userDisabled();
  if (user.status !== "CONFIRMED" && user.status !== "RESET_REQUIRED") throw passwordCannotBeReset();
  if (codeTarget(pool, user, "reset") === undefined) throw noRecoveryChannel();
  const updated: UserRecord = { ...user, status: "RESET_REQUIRED", lastModifiedAt: now };
  const code = await newCode(deps, { pool, user: updated, purpose: "reset", now, kind: "reset" });
  await deps.store.transaction(async (tx) => {
    if (!(await tx.users.update(updated))) throw userNotFound();
    await deliverCode(deps, tx, code);
  });
}

/**
 * ForgotPassword: sends a password-reset code over the user's first verified channel in the pool's recovery
 * order; the status does not change (the old password keeps working until the reset). Refused for a pool
 * whose recovery is admin_only, and for users in FORCE_CHANGE_PASSWORD (or any state but CONFIRMED,
 * RESET_REQUIRED and UNCONFIRMED). An unconfirmed user counts as having no verified channel. With
 * PreventUserExistenceErrors, an unknown or disabled user and one without a channel get made-up delivery
 * details rather than an error, as Cognito documents.
 */
export async function forgotPassword(
  deps: UserDeps,
  input: ForgotPasswordRequest & { ClientId: string; Username: string },
  now: Date,
): Promise<CodeDeliveryDetailsType> {
  const { pool, client } = await clientRequest(deps.store, input);
  if (recoveryIsAdminOnly(pool)) throw passwordRecoveryAdminOnly();
  const hidesUsers = preventsUserExistenceErrors(client);
  const simulated = async () => {
    await imitateNewCode(deps);
    return simulatedDeliveryDetails(pool, input.Username, recoveryOrder(pool));
  };
  const user =
    (await findUser(deps.store, pool, input.Username)) ??
    (await migrateOnForgotPassword(deps, pool, { username: input.Username, clientId: client.clientId, clientMetadata: input.ClientMetadata, now }));
  if (user === undefined || !user.enabled) {
    if (hidesUsers) return simulated();
    throw user === undefined ? userNotFoundForClient() : userDisabled();
  }
  if (user.status !== "CONFIRMED" && user.status !== "RESET_REQUIRED" && user.status !== "UNCONFIRMED") throw passwordCannotBeReset();
  if (user.status === "UNCONFIRMED" || codeTarget(pool, user, "reset") === undefined) {
    if (hidesUsers) return simulated();
    throw noRecoveryChannel();
  }
  const code = await newCode(deps, { pool, user, purpose: "reset", now, call: { clientId: client.clientId, clientMetadata: input.ClientMetadata } });
  return deps.store.transaction((tx) => deliverCode(deps, tx, code));
}

/**
 * ConfirmForgotPassword: the code from ForgotPassword or AdminResetUserPassword and a new password, checked
 * against the policy (ConfirmForgotPassword's wording) and the history, make the user CONFIRMED with that
 * password and clear their failed sign-ins. The code is checked first; a password then refused leaves it
 * usable. With PreventUserExistenceErrors an unknown or disabled user is answered like a wrong code.
 */
export async function confirmForgotPassword(
  deps: UserDeps,
  input: ConfirmForgotPasswordRequest & { ClientId: string; Username: string; ConfirmationCode: string; Password: string },
  now: Date,
): Promise<void> {
  const { pool, client } = await clientRequest(deps.store, input);
  const user = await findUser(deps.store, pool, input.Username);
  if (user === undefined || !user.enabled) {
    if (!preventsUserExistenceErrors(client)) throw user === undefined ? userNotFoundForClient() : userDisabled();
    await imitateCodeCheck(deps, input.ConfirmationCode);
    throw codeMismatch();
  }
  if (user.status === "UNCONFIRMED") throw userNotConfirmed();
  await checkCode(deps, { pool, user, purpose: "reset", code: input.ConfirmationCode, now });
  const updated = await withNewPassword(deps, { pool, user, password: input.Password, permanent: true, prefix: USER_POLICY_PREFIX, now });
  await deps.store.transaction(async (tx) => {
    await useCode(tx, user, "reset");
    await saveNewPassword(tx, updated);
  });
  await postConfirmation(deps, pool, { source: "ConfirmForgotPassword", user: updated, clientId: client.clientId, clientMetadata: input.ClientMetadata });
}

async function save(deps: UserDeps, user: UserRecord): Promise<void> {
  if (!(await deps.store.users.update(user))) throw userNotFound();
}
