import type { CognitoError } from "../../errors/cognitoError.js";
import { aliasExists, signInAttributeExists, userAccountExists } from "../../errors/catalogue.js";
import { usernameAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { UserConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import { withAttributes } from "./aliases.js";
import { VERIFIED_FLAG } from "./attributes.js";
import type { AliasKind, UserRecord } from "./types.js";

export interface ClaimOptions {
  /** A new user (AdminCreateUser) or an existing one changing attributes. */
  creating: boolean;
  /** ForceAliasCreation: take a verified email/phone from its holder instead of failing. */
  force: boolean;
  now: Date;
}

/**
 * Makes the aliases `user` is about to hold free for it, inside the transaction `tx`: each one another user
 * holds is a conflict, except that a forced creation takes a verified email or phone away from its holder
 * (who keeps the attribute, now unverified, as Cognito does).
 */
export async function claimAliases(tx: Store, pool: UserPoolRecord, user: UserRecord, options: ClaimOptions): Promise<void> {
  for (const [kind, key] of Object.entries(user.aliases) as [AliasKind, string][]) {
    const holder = await tx.users.getByAlias(pool.id, kind, key);
    if (holder === undefined || holder.username === user.username) continue;
    if (options.force && options.creating && kind !== "preferred_username" && usernameAttributes(pool).length === 0) {
      const attributes = { ...holder.attributes, [VERIFIED_FLAG[kind]]: "false" };
      await tx.users.update(withAttributes(pool, holder, attributes, options.now));
      continue;
    }
    throw aliasConflict(pool, kind, options.creating);
  }
}

/**
 * The error for a value someone else holds: in a pool whose users sign up with email/phone that value is
 * their username (UsernameExistsException when creating); otherwise it is an alias (AliasExistsException).
 */
function aliasConflict(pool: UserPoolRecord, kind: AliasKind, creating: boolean): CognitoError {
  return creating && usernameAttributes(pool).length > 0 ? signInAttributeExists(kind) : aliasExists(kind);
}

/** Runs a user write, turning a unique-key collision the checks above could not see (a race) into Cognito's error. */
export async function mapUserConflict<T>(pool: UserPoolRecord, creating: boolean, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!(error instanceof UserConflictError) || error.key === "sub") throw error;
    throw error.key === "username" ? userAccountExists() : aliasConflict(pool, error.key, creating);
  }
}
