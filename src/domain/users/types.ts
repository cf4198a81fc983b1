import type { PasswordHashingAlgorithmType, UserStatusType } from "@aws-sdk/client-cognito-identity-provider";

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
  /**
   * Set for a hash imported by a user import job: `hash` is then the file's hash in that algorithm, and the SRP
   * salt and verifier are empty until the first password sign-in replaces it all (docs/behaviour.md, User
   * import jobs).
   */
  importedAs?: PasswordHashingAlgorithmType;
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
  /** Second factors; absent for a user who never set any. */
  mfa?: UserMfa;
}

/** A second factor in Cognito's names, as UserMFASettingList and PreferredMfaSetting carry them. */
export type MfaFactorName = "SMS_MFA" | "SOFTWARE_TOKEN_MFA" | "EMAIL_OTP";

/** A user's second factors. The TOTP secrets are sealed at rest like the SRP verifier. */
export interface UserMfa {
  /** The factors the user turned on, in Cognito's order: SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP. */
  enabled: MfaFactorName[];
  /** The factor sign-in asks for when several are on; always one of `enabled`. */
  preferred?: MfaFactorName;
  /** The authenticator app VerifySoftwareToken accepted. */
  softwareToken?: SoftwareToken;
  /** The secret AssociateSoftwareToken handed out last, until VerifySoftwareToken accepts a code of it. */
  pendingSoftwareTokenSecret?: string;
}

export interface SoftwareToken {
  /** The shared secret, base32 as AssociateSoftwareToken returned it. */
  secret: string;
  friendlyDeviceName?: string;
  /** The 30-second step of the last code accepted: a code is never accepted twice. */
  lastUsedStep?: number;
}
