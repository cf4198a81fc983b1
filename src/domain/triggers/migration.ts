import { invalidLambdaResponse } from "../../errors/catalogue.js";
import { passwordSecrets } from "../passwords/secrets.js";
import type { PasswordHasher } from "../passwords/hasher.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import type { Store } from "../ports/store.js";
import { aliasKeys } from "../users/aliases.js";
import { newUserIdentity } from "../users/create.js";
import type { UserRecord } from "../users/types.js";
import { runTrigger, stringMapMember, triggerFunction, type TriggerDeps } from "./run.js";

/**
 * UserMigration (`UserMigration_Authentication`) for a password sign-in whose name matches nobody: the function
 * gets the name and the password typed; when it answers `userAttributes`, that user is created with that
 * password (not weighed against the pool's policy: it is the user's password of the old system), CONFIRMED
 * unless `finalUserStatus` is RESET_REQUIRED. Undefined when the pool has no such function or it answers no
 * user. The caller then signs the user in as any other.
 */
export async function migrateOnSignIn(
  deps: MigrationDeps,
  pool: UserPoolRecord,
  call: { username: string; password: string; clientId: string; now: Date },
): Promise<UserRecord | undefined> {
  const clientMetadata = deps.triggerCall?.clientMetadata;
  return migrateUser(deps, pool, { ...call, source: "Authentication", request: { password: call.password, validationData: clientMetadata, clientMetadata } });
}

/**
 * UserMigration (`UserMigration_ForgotPassword`) for a ForgotPassword whose name matches nobody: no password
 * is known, so the user the function answers is created RESET_REQUIRED without one, whatever
 * `finalUserStatus` says; the caller then sends the reset code (to an attribute the function marked verified).
 */
export async function migrateOnForgotPassword(
  deps: MigrationDeps,
  pool: UserPoolRecord,
  call: { username: string; clientId: string; clientMetadata: Record<string, string> | undefined; now: Date },
): Promise<UserRecord | undefined> {
  return migrateUser(deps, pool, { ...call, source: "ForgotPassword", request: { clientMetadata: call.clientMetadata } });
}

type MigrationDeps = TriggerDeps & { store: Store; hasher: PasswordHasher; random: Random };

async function migrateUser(
  deps: MigrationDeps,
  pool: UserPoolRecord,
  call: { source: "Authentication" | "ForgotPassword"; username: string; password?: string; clientId: string; request: Record<string, unknown>; now: Date },
): Promise<UserRecord | undefined> {
  if (triggerFunction(pool, "UserMigration") === undefined) return undefined;
  const response = await runTrigger(deps, pool, "UserMigration", {
    triggerSource: `UserMigration_${call.source}`,
    userName: call.username,
    clientId: call.clientId,
    request: call.request,
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null },
  });
  const given = stringMapMember(response?.userAttributes);
  if (given === undefined) return undefined;
  const answered = response?.finalUserStatus ?? "CONFIRMED";
  if (answered !== "CONFIRMED" && answered !== "RESET_REQUIRED") throw invalidLambdaResponse();
  const status = call.password === undefined ? "RESET_REQUIRED" : answered;
  const { sub: _assignedByCognito, username: _theNameTyped, ...attributes } = given;
  const identity = newUserIdentity(deps.random, pool, call.username, attributes);
  const password =
    call.password === undefined
      ? undefined
      : await passwordSecrets(deps, { poolId: pool.id, username: identity.username, password: call.password, temporary: false, now: call.now });
  const user: UserRecord = {
    poolId: pool.id,
    username: identity.username,
    usernameKey: identity.key,
    sub: identity.sub,
    status,
    enabled: true,
    attributes: identity.attributes,
    aliases: aliasKeys(pool, identity.attributes),
    createdAt: call.now,
    lastModifiedAt: call.now,
    ...(password === undefined ? {} : { password }),
  };
  await deps.store.users.create(user);
  return user;
}
