import type { Algorithm, Options } from "@node-rs/argon2";
import type { PasswordHasher } from "./hasher.js";

type Argon2Binding = typeof import("@node-rs/argon2");
let binding: Promise<Argon2Binding> | undefined;
/** The native binding loads at the first hash or verification, not at start (docs/behaviour.md#cold-start). */
const argon2 = (): Promise<Argon2Binding> => (binding ??= import("@node-rs/argon2"));

// The package's `Algorithm` and `Version` are const enums with no runtime object, so name the values.
const ARGON2ID = 2 as Algorithm;
/** Version 1.3 as the PHC string writes it (`v=19`, 0x13). */
const VERSION_0X13_NUMBER = 0x13;

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

/** `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`: the PHC string form every argon2 library writes. */
const ARGON2ID_PHC = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$([A-Za-z0-9+/]+)$/;

/** True when `phc` is not an argon2id v1.3 hash made with exactly `cost` (an unreadable one included). */
export function madeWithOtherCost(phc: string, cost: Argon2Cost): boolean {
  const used = ARGON2ID_PHC.exec(phc);
  if (used === null) return true;
  const [, version, memoryCost, timeCost, parallelism, output] = used;
  // Unpadded base64: every 4 characters are 3 bytes.
  const outputBytes = Math.floor((output!.length * 3) / 4);
  return (
    Number(version) !== VERSION_0X13_NUMBER ||
    Number(memoryCost) !== cost.memoryCost ||
    Number(timeCost) !== cost.timeCost ||
    Number(parallelism) !== cost.parallelism ||
    outputBytes !== OUTPUT_BYTES
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
    hash: async (password) => (await argon2()).hash(password, options),
    verify: async (phc, password) => (await argon2()).verify(phc, password),
    digest: async (password, salt) => (await (await argon2()).hashRaw(password, { ...DIGEST, salt })).toString("hex"),
    needsRehash: (phc) => madeWithOtherCost(phc, cost),
  };
}

/** The hasher at the default cost. */
export const argon2Hasher: PasswordHasher = argon2idHasher(OWASP_BASELINE);
