import { aliasAttributes, isCaseSensitive, usernameAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { isTrueValue } from "./attributes.js";
import type { AliasKind, UserRecord } from "./types.js";

/**
 * The lookup form of a username or a folded alias: unchanged in a case-sensitive pool, else lower-cased.
 * Plain `toLowerCase` (no Unicode normalisation): Cognito documents case-insensitivity, not normalisation,
 * so "é" typed precomposed and decomposed stay two different names, as they are for AWS.
 */
function foldCase(pool: UserPoolRecord, value: string): string {
  return isCaseSensitive(pool) ? value : value.toLowerCase();
}

export function usernameKey(pool: UserPoolRecord, username: string): string {
  return foldCase(pool, username);
}

/** An alias value in lookup form: email and preferred_username fold with the pool's case rule; phone numbers never do. */
export function aliasKey(pool: UserPoolRecord, kind: AliasKind, value: string): string {
  return kind === "phone_number" ? value : foldCase(pool, value);
}

/**
 * The aliases that attributes give a user, the one place this is decided: in a pool whose users sign up with
 * email/phone, those values always (verified or not); in an alias pool, email and phone only once verified,
 * preferred_username whenever set.
 */
export function aliasKeys(pool: UserPoolRecord, attributes: Record<string, string>): Partial<Record<AliasKind, string>> {
  const signsUpWithAttributes = usernameAttributes(pool).length > 0;
  const keys: Partial<Record<AliasKind, string>> = {};
  for (const kind of aliasKindsOf(pool)) {
    const value = attributes[kind];
    if (value === undefined || value === "") continue;
    const held = signsUpWithAttributes || kind === "preferred_username" || isTrueValue(attributes[`${kind}_verified`]);
    if (held) keys[kind] = aliasKey(pool, kind, value);
  }
  return keys;
}

/** The alias kinds a user of the pool can be found by. */
export function aliasKindsOf(pool: UserPoolRecord): AliasKind[] {
  const signUpWith = usernameAttributes(pool);
  return signUpWith.length > 0 ? signUpWith : aliasAttributes(pool);
}

/** The user with the attributes replaced, its aliases recomputed. */
export function withAttributes(pool: UserPoolRecord, user: UserRecord, attributes: Record<string, string>, now: Date): UserRecord {
  return { ...user, attributes, aliases: aliasKeys(pool, attributes), lastModifiedAt: now };
}
