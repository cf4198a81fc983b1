import { createHmac, timingSafeEqual } from "node:crypto";
import type { Random } from "../random.js";

/*
 * RFC 6238 time-based one-time passwords as authenticator apps compute them and Cognito accepts them:
 * HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch (docs/behaviour.md#totp).
 */

const STEP_SECONDS = 30;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** 20 bytes, the HMAC-SHA-1 block of entropy RFC 4226 recommends: 32 base32 characters. */
const SECRET_BYTES = 20;

/** A new shared secret, base32 without padding, as AssociateSoftwareToken's `SecretCode`. */
export function newTotpSecret(random: Random): string {
  return base32Encode(random.bytes(SECRET_BYTES));
}

/** The 30-second step `at` falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/** The code of one step (RFC 4226 dynamic truncation of HMAC-SHA-1 over the big-endian step counter). */
export function totpCode(secret: Buffer, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, "0");
}

/**
 * The step whose code `code` is, looking one step either side of `at`'s (clock drift between the
 * authenticator and the server), and never at or before `usedStep`, so a code works once. Undefined when
 * it matches none.
 */
export function matchingTotpStep(secretBase32: string, code: string, at: Date, usedStep: number | undefined): number | undefined {
  if (!/^[0-9]{6}$/.test(code)) return undefined;
  const secret = base32Decode(secretBase32);
  const now = totpStep(at);
  for (const step of [now - 1, now, now + 1]) {
    if (usedStep !== undefined && step <= usedStep) continue;
    if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code))) return step;
  }
  return undefined;
}

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 (RFC 4648) in either letter case, padding ignored. */
export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.toUpperCase().replace(/=+$/, "")) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError("not base32");
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
