import { createDiffieHellman, createHash } from "node:crypto";

/**
 * Cognito's SRP-6a group: the 3072-bit MODP prime of RFC 3526 §4 (also RFC 5054's 3072-bit group),
 * generator 2, SHA-256, with the hex conventions of amazon-cognito-identity-js (`padHex`, `hexHash`).
 */
export const N_HEX =
  "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74" +
  "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437" +
  "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
  "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05" +
  "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB" +
  "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
  "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718" +
  "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33" +
  "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
  "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864" +
  "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2" +
  "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;

const N_BYTES = Buffer.from(N_HEX, "hex");
const G_BYTES = Buffer.from([2]);

/**
 * The even-length hex of a non-negative integer, with a `00` byte in front when the top bit is set, so
 * that it reads as positive (Java `BigInteger.toByteArray()`): 0x80 → "0080", 0x7f → "7f".
 */
export function padHex(value: bigint): string {
  if (value < 0n) throw new RangeError("padHex takes a non-negative integer");
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

/** SHA-256 of the bytes a hex string spells, as 64 hex digits. */
export function hexHash(hex: string): string {
  return createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
}

/** SHA-256 of a UTF-8 string, as 64 hex digits. */
export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The SRP-6a multiplier k = H(padHex(N) ‖ padHex(g)). */
export const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/** The part of a pool id that Cognito's SRP hashes, after the underscore: `us-east-1_AbCd123` → `AbCd123`. */
export function poolNamePart(poolId: string): string {
  return poolId.slice(poolId.indexOf("_") + 1);
}

function toBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex");
}

function fromBytes(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString("hex")}`);
}

/** base^exponent mod modulus by square-and-multiply on BigInt: any modulus, but slow (~30 ms at 3072 bits). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (exponent < 0n) throw new RangeError("modPow takes a non-negative exponent");
  if (modulus === 1n) return 0n;
  let result = 1n;
  let square = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/**
 * g^exponent mod N through OpenSSL's Diffie-Hellman (the public key of private key `exponent`): the fast
 * path, ~5 ms. The exponent is reduced mod N−1 first (Fermat), which OpenSSL needs and leaves the value alone.
 */
export function powG(exponent: bigint): bigint {
  if (exponent < 0n) throw new RangeError("powG takes a non-negative exponent");
  const reduced = exponent % (N - 1n);
  if (reduced === 0n) return 1n;
  const dh = createDiffieHellman(N_BYTES, G_BYTES);
  dh.setPrivateKey(toBytes(reduced));
  dh.generateKeys();
  return fromBytes(dh.getPublicKey());
}

/**
 * base^exponent mod N for any base (the server's (A·v^u)^b): OpenSSL's DH shared secret when it accepts
 * the operands (base in 2..N−2 and most exponents), else the BigInt `modPow`. Same result either way.
 */
export function modPowN(base: bigint, exponent: bigint): bigint {
  if (exponent < 0n) throw new RangeError("modPowN takes a non-negative exponent");
  const b = ((base % N) + N) % N;
  // 0, 1 and N−1 are trivial for BigInt and refused by OpenSSL.
  if (b < 2n || b > N - 2n) return modPow(b, exponent, N);
  // Fermat: b^(N−1) = 1 for every b coprime to the prime N.
  const e = exponent % (N - 1n);
  if (e === 0n) return 1n;
  try {
    const dh = createDiffieHellman(N_BYTES, G_BYTES);
    dh.setPrivateKey(toBytes(e));
    return fromBytes(dh.computeSecret(toBytes(b)));
  } catch {
    return modPow(b, e, N);
  }
}

/**
 * The private value x = H(padHex(salt) ‖ H(poolNamePart ‖ username ‖ ":" ‖ password)). The salt is read as
 * an unsigned big-endian integer, as clients read the hex SALT they are sent, so leading zero bytes vanish.
 */
export function computeX(poolId: string, username: string, password: string, salt: Buffer): bigint {
  const identity = textHash(`${poolNamePart(poolId)}${username}:${password}`);
  return BigInt(`0x${hexHash(padHex(fromBytes(salt)) + identity)}`);
}

/** The verifier v = g^x mod N stored for a password, lower-case hex of the integer. */
export function computeVerifier(poolId: string, username: string, password: string, salt: Buffer): string {
  return powG(computeX(poolId, username, password, salt)).toString(16);
}
