import type { UserStatusType } from "@aws-sdk/client-cognito-identity-provider";

/** The attributes a user may be found by besides the username and `sub` (alias pools / username-attribute pools). */
export type AliasKind = "email" | "phone_number" | "preferred_username";

/** Attributes ListUsers can filter on, each kept in its own indexed column. */
export type FilterableAttribute =
  | "username"
  | "email"
  | "phone_number"
  | "name"
  | "given_name"
  | "family_name"
  | "preferred_username"
  | "sub"
  | "status"
  | "cognito:user_status";

/**
 * What a password leaves behind: never the password itself. Computed by domain/passwords when a password
 * is set; the SRP values depend on the pool id and the internal username.
 */
export interface PasswordSecrets {
  /** argon2id PHC string. */
  hash: string;
  /** SRP salt and verifier, lower-case hex. */
  srpSalt: string;
  srpVerifier: string;
  /** True for a password an administrator set as temporary (FORCE_CHANGE_PASSWORD). */
  temporary: boolean;
  /** When a temporary password stops working; absent for permanent ones. */
  expiresAt?: Date;
  setAt: Date;
}

/**
 * Remembered passwords, costing one hash per check whatever their number: `digests` are
 * argon2id(password, salt) with one per-user salt, newest first.
 */
export interface PasswordHistory {
  salt: string;
  digests: string[];
}

export interface UserRecord {
  poolId: string;
  /** The internal username as created (a UUID equal to `sub` in username-attribute pools). */
  username: string;
  /**
   * The lookup form of the username: case-folded when the pool is case-insensitive, else the username.
   * Unique per pool.
   */
  usernameKey: string;
  sub: string;
  status: UserStatusType;
  enabled: boolean;
  /** Every attribute as Cognito returns it (including `sub`), values as strings. */
  attributes: Record<string, string>;
  /**
   * The alias values this user currently holds, in lookup form (case-folded where the pool is
   * case-insensitive). Each is unique per pool: holding one means nobody else can be found by it.
   */
  aliases: Partial<Record<AliasKind, string>>;
  createdAt: Date;
  lastModifiedAt: Date;
  password?: PasswordSecrets;
  passwordHistory?: PasswordHistory;
}
