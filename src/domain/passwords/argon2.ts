import { hash, hashRaw, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";
import type { PasswordHasher } from "./hasher.js";

// The package's `Algorithm` and `Version` are const enums with no runtime object, so name the values.
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane, 32-byte output. */
const CURRENT: Options & Required<Pick<Options, "memoryCost" | "timeCost" | "parallelism" | "outputLen">> = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/**
 * History digests carry no parameters, so they are pinned apart from CURRENT: changing these would make
 * every remembered password unrecognisable.
 */
const DIGEST: Options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

export function needsRehash(phc: string): boolean {
  let used: ReturnType<typeof parseOptions>;
  try {
    used = parseOptions(phc);
  } catch {
    return true;
  }
  return (
    used.algorithm !== ARGON2ID ||
    used.version !== VERSION_0X13 ||
    used.memoryCost !== CURRENT.memoryCost ||
    used.timeCost !== CURRENT.timeCost ||
    used.parallelism !== CURRENT.parallelism ||
    used.outputLen !== CURRENT.outputLen
  );
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, CURRENT),
  verify: (phc, password) => verify(phc, password),
  digest: async (password, salt) => (await hashRaw(password, { ...DIGEST, salt })).toString("hex"),
  needsRehash,
};
