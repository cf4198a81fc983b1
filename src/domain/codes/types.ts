/** What a one-time code proves: a sign-up, a password reset, or ownership of an attribute. */
export type CodePurpose = "signup" | "reset" | "verify:email" | "verify:phone_number";

/** A code sent to a user and not yet used. Never the code itself: only a salted digest of it. */
export interface PendingCodeRecord {
  poolId: string;
  /** Internal username. */
  username: string;
  purpose: CodePurpose;
  /** argon2id PHC string (salted, slow) over the destination and the code: see newCode in ./codes.ts. */
  digest: string;
  createdAt: Date;
  expiresAt: Date;
  /** Wrong guesses so far; too many make the code unusable. */
  failedAttempts: number;
  /**
   * For an attribute code only: the new email address or phone number the code was sent to, which
   * verifying it applies. Set where the pool keeps the old value until the new one is verified
   * (AttributesRequireVerificationBeforeUpdate).
   */
  pendingValue?: string;
}
