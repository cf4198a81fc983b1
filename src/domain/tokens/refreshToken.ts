import { createHash } from "node:crypto";
import type { Random } from "../random.js";

/**
 * Cognito's refresh tokens are JWE compact strings (five base64url segments) that start with this header,
 * `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`. Ours are opaque random values of the same shape, so
 * client libraries that split or size-check them keep working.
 */
const JWE_HEADER = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ";

/** Byte lengths of the four segments after the header: RSA-2048 wrapped key, GCM IV, payload, GCM tag. */
const SEGMENT_BYTES = [256, 12, 48, 16] as const;

/** A new refresh token: random bytes (the 48-byte "payload" alone carries 384 bits) in JWE's shape. */
export function newRefreshToken(random: Random): string {
  return [JWE_HEADER, ...SEGMENT_BYTES.map((length) => random.bytes(length).toString("base64url"))].join(".");
}

/** What the store keeps instead of the token: its SHA-256, hex. */
export function refreshTokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
