import { hash, hashRaw, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";
import type { PasswordHasher } from "./hasher.js";

// The package's `Algorithm` and `Version` are const enums with no runtime object, so name the values.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1;

/** argon2id's cost: memory in KiB, passes, lanes. The output is always 32 bytes. */
export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. The `--argon2` setting's default. */
export const OWASP_BASELINE: Argon2Cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

const OUTPUT_BYTES = 32;

/**
 * History digests carry no parameters, so they are pinned apart from CURRENT: changing these would make
 * every remembered password unrecognisable.
 */
const DIGEST: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

/** True when `phc` is not an argon2id v1.3 hash made with exactly `cost` (an unreadable one included). */
export function madeWithOtherCost(phc: string, cost: Argon2Cost): boolean {
  let used: ReturnType<typeof parseOptions>;
  try {
    used = parseOptions(phc);
  } catch {
    return true;
  }
  return (
    used.algorithm !== ARGON2ID ||
    used.version !== VERSION_0X13 ||
    used.memoryCost !== cost.memoryCost ||
    used.timeCost !== cost.timeCost ||
    used.parallelism !== cost.parallelism ||
    used.outputLen !== OUTPUT_BYTES
  );
}

/** needsRehash against the default cost. */
export function needsRehash(phc: string): boolean {
  return madeWithOtherCost(phc, OWASP_BASELINE);
}

/** A hasher making argon2id hashes of the given cost; any argon2 hash verifies, whatever it was made with. */
export function argon2idHasher(cost: Argon2Cost): PasswordHasher {
  const options: Options = { algorithm: ARGON2ID, ...cost, outputLen: OUTPUT_BYTES };
  return {
    hash: (password) => hash(password, options),
    verify: (phc, password) => verify(phc, password),
    digest: async (password, salt) => (await hashRaw(password, { ...DIGEST, salt })).toString("hex"),
    needsRehash: (phc) => madeWithOtherCost(phc, cost),
  };
}

/** The hasher at the default cost. */
export const argon2Hasher: PasswordHasher = argon2idHasher(OWASP_BASELINE);
