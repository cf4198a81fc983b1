import type { PasswordHashingAlgorithmType } from "@aws-sdk/client-cognito-identity-provider";
import { pbkdf2, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { importHashUnreadable } from "../../errors/catalogue.js";
import type { PasswordSecrets } from "../users/types.js";
import type { PasswordHasher } from "./hasher.js";

/*
 * Password hashes a user import job may carry (docs/behaviour.md, User import jobs), each in the string form
 * the usual libraries write, so that a file exported from another system needs no conversion:
 *   BCRYPT         $2a$ / $2b$ / $2y$ strings
 *   ARGON2ID       $argon2id$v=19$m=…,t=…,p=…$<salt>$<hash> (the PHC string)
 *   SCRYPT         $scrypt$ln=…,r=…,p=…$<salt>$<hash> (the PHC string, ln = log2 N)
 *   PBKDF2_SHA256  $pbkdf2-sha256$i=…[,l=…]$<salt>$<hash> (PHC), $pbkdf2-sha256$<rounds>$<salt>$<hash>
 *                  (passlib) or pbkdf2_sha256$<rounds>$<salt>$<hash> (Django, the salt as text)
 * The costs are bounded so that one sign-in cannot occupy the server for long.
 */

const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const MAX_BCRYPT_COST = 16;
const ARGON2ID = /^\$argon2id\$v=19\$m=(\d{1,9}),t=(\d{1,4}),p=(\d{1,3})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const MAX_ARGON2_MEMORY_KIB = 262_144;
const MAX_ARGON2_PASSES = 16;
const MAX_ARGON2_LANES = 16;
const SCRYPT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;
const MAX_SCRYPT_LOG_N = 20;
const MAX_SCRYPT_MEMORY_BYTES = 256 * 1024 * 1024;
const PBKDF2_PHC = /^\$pbkdf2-sha256\$i=(\d{1,9})(?:,l=\d{1,3})?\$([A-Za-z0-9+/.]+={0,2})\$([A-Za-z0-9+/.]+={0,2})$/;
const PBKDF2_PASSLIB = /^\$pbkdf2-sha256\$(\d{1,9})\$([A-Za-z0-9+/.]+={0,2})\$([A-Za-z0-9+/.]+={0,2})$/;
const PBKDF2_DJANGO = /^pbkdf2_sha256\$(\d{1,9})\$([^$]+)\$([A-Za-z0-9+/]+={0,2})$/;
const MAX_PBKDF2_ITERATIONS = 2_000_000;
/** Derived keys shorter than this prove too little; longer than this are no hash these libraries write. */
const MIN_DERIVED_BYTES = 16;
const MAX_DERIVED_BYTES = 128;

type Derivation =
  | { kind: "bcrypt" }
  | { kind: "argon2id" }
  | { kind: "scrypt"; salt: Buffer; expected: Buffer; N: number; r: number; p: number }
  | { kind: "pbkdf2"; salt: Buffer; expected: Buffer; iterations: number };

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const pbkdf2Async = promisify(pbkdf2);

/**
 * Checks that `hash` is a hash of `algorithm` in a form Cognate reads, with bounded costs; throws Cognito's
 * InvalidParameterException saying what is wrong (a user import job counts the row as failed).
 */
export function checkImportedHash(algorithm: PasswordHashingAlgorithmType, hash: string): void {
  derivation(algorithm, hash);
}

/** Whether `password` is the one `hash` (of `algorithm`, checked on import) was made from; constant-time. */
export async function importedHashMatches(
  hasher: PasswordHasher,
  algorithm: PasswordHashingAlgorithmType,
  hash: string,
  password: string,
): Promise<boolean> {
  const how = derivation(algorithm, hash);
  switch (how.kind) {
    case "bcrypt": {
      const { default: bcrypt } = await import("bcryptjs");
      return bcrypt.compare(password, hash);
    }
    case "argon2id":
      return hasher.verify(hash, password);
    case "scrypt": {
      const derived = await scryptAsync(password, how.salt, how.expected.length, {
        N: how.N,
        r: how.r,
        p: how.p,
        maxmem: MAX_SCRYPT_MEMORY_BYTES + 1024 * 1024,
      });
      return timingSafeEqual(derived, how.expected);
    }
    case "pbkdf2":
      return timingSafeEqual(await pbkdf2Async(password, how.salt, how.iterations, how.expected.length, "sha256"), how.expected);
  }
}

/** Whether `password` is the one stored: Cognate's argon2id hash, or a hash imported by a job. */
export function storedPasswordMatches(hasher: PasswordHasher, stored: PasswordSecrets, password: string): Promise<boolean> {
  return stored.importedAs === undefined
    ? hasher.verify(stored.hash, password)
    : importedHashMatches(hasher, stored.importedAs, stored.hash, password);
}

function derivation(algorithm: PasswordHashingAlgorithmType, hash: string): Derivation {
  const refuse = (): never => {
    throw importHashUnreadable(algorithm);
  };
  switch (algorithm) {
    case "BCRYPT": {
      const match = BCRYPT.exec(hash) ?? refuse();
      const cost = Number(match[1]);
      if (cost < 4 || cost > MAX_BCRYPT_COST) refuse();
      return { kind: "bcrypt" };
    }
    case "ARGON2ID": {
      const match = ARGON2ID.exec(hash) ?? refuse();
      const [memory, passes, lanes] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (memory > MAX_ARGON2_MEMORY_KIB || passes < 1 || passes > MAX_ARGON2_PASSES || lanes < 1 || lanes > MAX_ARGON2_LANES) refuse();
      return { kind: "argon2id" };
    }
    case "SCRYPT": {
      const match = SCRYPT.exec(hash) ?? refuse();
      const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
      if (logN < 1 || logN > MAX_SCRYPT_LOG_N || r < 1 || p < 1 || 128 * r * 2 ** logN > MAX_SCRYPT_MEMORY_BYTES || r * p >= 2 ** 30) refuse();
      return { kind: "scrypt", salt: base64(match[4]!), expected: derivedKey(match[5]!, refuse), N: 2 ** logN, r, p };
    }
    case "PBKDF2_SHA256": {
      const phc = PBKDF2_PHC.exec(hash) ?? PBKDF2_PASSLIB.exec(hash);
      const django = phc === null ? PBKDF2_DJANGO.exec(hash) : null;
      const match = phc ?? django ?? refuse();
      const iterations = Number(match[1]);
      if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) refuse();
      // Django salts are text used as they are; the PHC and passlib forms encode bytes.
      const salt = django === null ? base64(match[2]!) : Buffer.from(match[2]!, "utf8");
      return { kind: "pbkdf2", salt, expected: derivedKey(match[3]!, refuse), iterations };
    }
    default:
      return refuse();
  }
}

/** Standard or passlib's adapted base64 (`.` for `+`), padded or not. */
function base64(text: string): Buffer {
  return Buffer.from(text.replace(/\./g, "+"), "base64");
}

function derivedKey(text: string, refuse: () => never): Buffer {
  const bytes = base64(text);
  if (bytes.length < MIN_DERIVED_BYTES || bytes.length > MAX_DERIVED_BYTES) refuse();
  return bytes;
}
