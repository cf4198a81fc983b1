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
  deps: TriggerDeps & { store: Store; hasher: PasswordHasher; random: Random },
  pool: UserPoolRecord,
  call: { username: string; password: string; clientId: string; now: Date },
): Promise<UserRecord | undefined> {
  if (triggerFunction(pool, "UserMigration") === undefined) return undefined;
  const response = await runTrigger(deps, pool, "UserMigration", {
    triggerSource: "UserMigration_Authentication",
    userName: call.username,
    clientId: call.clientId,
    request: { password: call.password, validationData: deps.triggerCall?.clientMetadata, clientMetadata: deps.triggerCall?.clientMetadata },
    response: { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null },
  });
  const given = stringMapMember(response?.userAttributes);
  if (given === undefined) return undefined;
  const status = response?.finalUserStatus ?? "CONFIRMED";
  if (status !== "CONFIRMED" && status !== "RESET_REQUIRED") throw invalidLambdaResponse();
  const { sub: _assignedByCognito, username: _theNameTyped, ...attributes } = given;
  const identity = newUserIdentity(deps.random, pool, call.username, attributes);
  const password = await passwordSecrets(deps, { poolId: pool.id, username: identity.username, password: call.password, temporary: false, now: call.now });
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
    password,
  };
  await deps.store.users.create(user);
  return user;
}
