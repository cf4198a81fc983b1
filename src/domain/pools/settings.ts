import type {
  AliasAttributeType,
  PasswordPolicyType,
  UserPoolMfaType,
  UserPoolTierType,
  UsernameAttributeType,
  VerifiedAttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { STANDARD_ATTRIBUTES, type PoolAttribute } from "./schema.js";
import type { UserPoolRecord } from "./types.js";

/** Cognito's password policy when a pool is created through the API without one. */
const DEFAULT_PASSWORD_POLICY: Required<Omit<PasswordPolicyType, "PasswordHistorySize">> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** The tier of a pool created through the API without one. */
export const DEFAULT_TIER: UserPoolTierType = "ESSENTIALS";

/*
 * Read access to a pool's settings with Cognito's defaults applied, for the rest of the domain. The
 * pool record's config is the single source; these never change it.
 */

/**
 * A password policy with Cognito's default for every member it lacks: the one place the defaults are filled
 * in. A TemporaryPasswordValidityDays of 0 means the default too; a missing history size is no history.
 */
export function withPasswordPolicyDefaults(given: PasswordPolicyType): Required<PasswordPolicyType> {
  return {
    MinimumLength: given.MinimumLength ?? DEFAULT_PASSWORD_POLICY.MinimumLength,
    RequireUppercase: given.RequireUppercase ?? DEFAULT_PASSWORD_POLICY.RequireUppercase,
    RequireLowercase: given.RequireLowercase ?? DEFAULT_PASSWORD_POLICY.RequireLowercase,
    RequireNumbers: given.RequireNumbers ?? DEFAULT_PASSWORD_POLICY.RequireNumbers,
    RequireSymbols: given.RequireSymbols ?? DEFAULT_PASSWORD_POLICY.RequireSymbols,
    PasswordHistorySize: given.PasswordHistorySize ?? 0,
    TemporaryPasswordValidityDays: temporaryValidityDaysOrDefault(given.TemporaryPasswordValidityDays),
  };
}

/** Days a temporary password works: 0 or unset means Cognito's default, 7. */
export function temporaryValidityDaysOrDefault(days: number | undefined): number {
  return days !== undefined && days > 0 ? days : DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays;
}

/** The password policy in force, every member present. `PasswordHistorySize` is 0 when history is off. */
export function passwordPolicy(pool: UserPoolRecord): Required<PasswordPolicyType> {
  return { ...withPasswordPolicyDefaults(pool.config.Policies?.PasswordPolicy ?? {}), PasswordHistorySize: passwordHistorySize(pool) };
}

/** How many days a temporary password works (0 or unset means Cognito's default, 7). */
export function temporaryPasswordValidityDays(pool: UserPoolRecord): number {
  return temporaryValidityDaysOrDefault(pool.config.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays);
}

/** How many passwords are remembered; 0 when history is off or the tier lacks it. */
export function passwordHistorySize(pool: UserPoolRecord): number {
  if (userPoolTier(pool) === "LITE") return 0;
  return pool.config.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0;
}

/** Usernames (and the email and preferred_username aliases) are case-sensitive unless the pool says otherwise. */
export function isCaseSensitive(pool: UserPoolRecord): boolean {
  return pool.config.UsernameConfiguration?.CaseSensitive ?? true;
}

/** Every attribute of the pool's schema: standard ones first, then custom and developer-only ones. */
export function schemaAttributes(pool: UserPoolRecord): PoolAttribute[] {
  return (pool.config.SchemaAttributes as PoolAttribute[] | undefined) ?? [...STANDARD_ATTRIBUTES];
}

/** One attribute of the schema by its full name (`email`, `custom:team`, `dev:custom:level`). */
export function schemaAttribute(pool: UserPoolRecord, name: string): PoolAttribute | undefined {
  return schemaAttributes(pool).find((attribute) => attribute.Name === name);
}

/** Attributes every user must have a value for; `sub`, which Cognito always assigns, is not listed. */
export function requiredAttributes(pool: UserPoolRecord): string[] {
  return schemaAttributes(pool)
    .filter((attribute) => attribute.Required && attribute.Name !== "sub")
    .map((attribute) => attribute.Name);
}

/** Attributes users sign up with instead of a username (email, phone_number); empty when users have usernames. */
export function usernameAttributes(pool: UserPoolRecord): UsernameAttributeType[] {
  return pool.config.UsernameAttributes ?? [];
}

/** Attributes users may sign in with besides their username; empty when the pool has none. */
export function aliasAttributes(pool: UserPoolRecord): AliasAttributeType[] {
  return pool.config.AliasAttributes ?? [];
}

/** Attributes Cognito sends a verification code to when they are set. */
export function autoVerifiedAttributes(pool: UserPoolRecord): VerifiedAttributeType[] {
  return pool.config.AutoVerifiedAttributes ?? [];
}

/** True when only administrators may create users (SignUp is refused). */
export function allowsAdminCreateUserOnly(pool: UserPoolRecord): boolean {
  return pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false;
}

export function mfaConfiguration(pool: UserPoolRecord): UserPoolMfaType {
  return pool.config.MfaConfiguration ?? "OFF";
}

export function userPoolTier(pool: UserPoolRecord): UserPoolTierType {
  return pool.config.UserPoolTier ?? DEFAULT_TIER;
}
