import { temporaryValidityDaysOrDefault } from "../pools/settings.js";
import type { PasswordSecrets } from "../users/types.js";
import type { Random } from "../random.js";
import type { PasswordHasher } from "./hasher.js";
import { computeVerifier } from "./srp.js";

/** 16 bytes, as amazon-cognito-identity-js makes its device salts and as Cognito's SALT values measure. */
const SRP_SALT_BYTES = 16;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Everything stored for a newly set password: its argon2id hash, an SRP salt and verifier for USER_SRP_AUTH,
 * and when a temporary password stops working.
 */
export async function passwordSecrets(
  deps: { hasher: PasswordHasher; random: Random },
  input: {
    poolId: string;
    /** The internal username: SRP clients prove the password against it (USER_ID_FOR_SRP). */
    username: string;
    password: string;
    temporary: boolean;
    now: Date;
    /** The pool's TemporaryPasswordValidityDays; unset or 0 means Cognito's default, 7. */
    temporaryValidityDays?: number;
  },
): Promise<PasswordSecrets> {
  const salt = deps.random.bytes(SRP_SALT_BYTES);
  const secrets: PasswordSecrets = {
    hash: await deps.hasher.hash(input.password),
    srpSalt: salt.toString("hex"),
    srpVerifier: computeVerifier(input.poolId, input.username, input.password, salt),
    temporary: input.temporary,
    setAt: input.now,
  };
  if (input.temporary) {
    secrets.expiresAt = new Date(input.now.getTime() + temporaryValidityDaysOrDefault(input.temporaryValidityDays) * DAY_MS);
  }
  return secrets;
}
