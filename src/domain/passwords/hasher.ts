/**
 * Slow, salted password hashing. Injected so that the algorithm and its parameters live in one place and
 * tests can count or replace it.
 */
export interface PasswordHasher {
  /** A self-describing PHC string (algorithm, parameters, salt, hash). */
  hash(password: string): Promise<string>;
  /** Constant-time check of a password against a PHC string from `hash`. */
  verify(phc: string, password: string): Promise<boolean>;
  /** A deterministic digest of the password under the given salt (hex), for the password history. */
  digest(password: string, salt: Buffer): Promise<string>;
  /** True when `phc` was made with other parameters than `hash` uses now: re-hash after a good sign-in. */
  needsRehash(phc: string): boolean;
}
