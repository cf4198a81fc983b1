import { createDiffieHellman, createHash, createHmac, hkdfSync } from "node:crypto";

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

/** The server's public value B = (k·v + g^b) mod N for the verifier v and the private value b. */
export function serverPublicValue(verifier: bigint, b: bigint): bigint {
  return (k * verifier + powG(b)) % N;
}

/** The scrambling parameter u = H(padHex(A) ‖ padHex(B)). */
export function scramblingParameter(A: bigint, B: bigint): bigint {
  return BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
}

/** The server's premaster secret S = (A · v^u)^b mod N; the client reaches it as (B − k·g^x)^(a + u·x). */
export function serverPremasterSecret(A: bigint, verifier: bigint, u: bigint, b: bigint): bigint {
  return modPowN((A * modPowN(verifier, u)) % N, b);
}

const KEY_INFO = "Caldera Derived Key";
const KEY_BYTES = 16;

/**
 * The key both sides derive from S: HKDF-SHA256 with input bytes(padHex(S)), salt bytes(padHex(u)) and info
 * "Caldera Derived Key", first 16 bytes (one HKDF block: HMAC(HMAC(u, S), info ‖ 0x01)).
 */
export function passwordAuthenticationKey(S: bigint, u: bigint): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), KEY_INFO, KEY_BYTES));
}

/**
 * PASSWORD_CLAIM_SIGNATURE's bytes: HMAC-SHA256 under the derived key over the pool id's name part, the
 * USER_ID_FOR_SRP and the TIMESTAMP as UTF-8, with the SECRET_BLOCK's decoded bytes between the last two.
 */
export function passwordClaimSignature(
  key: Buffer,
  poolId: string,
  userIdForSrp: string,
  secretBlock: Buffer,
  timestamp: string,
): Buffer {
  return createHmac("sha256", key)
    .update(poolNamePart(poolId), "utf8")
    .update(userIdForSrp, "utf8")
    .update(secretBlock)
    .update(timestamp, "utf8")
    .digest();
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMESTAMP_PATTERN = new RegExp(
  `^(${WEEKDAYS.join("|")}) (${MONTHS.join("|")}) (\\d{1,2}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2}) UTC (\\d{4})$`,
  "i",
);

/**
 * The TIMESTAMP of a password claim as Cognito's clients write it, Java's `EEE MMM d HH:mm:ss 'UTC' yyyy` in
 * English and UTC: the day of the month is not zero-padded, the time fields are (`Sat Sep 5 09:03:07 UTC 2026`).
 */
export function srpTimestamp(date: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/**
 * The instant a TIMESTAMP names, read as leniently as Java's date parser reads it: names in any case, one or
 * two digits per field, the weekday not checked, out-of-range fields rolled over. Undefined when it is not of
 * that shape at all. Signatures are checked over `srpTimestamp` of the result, so only the exact form verifies:
 * Cognito answers `Sep 05` or a wrong weekday as it answers a wrong password.
 */
export function parseSrpTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, , month, day, hours, minutes, seconds, year] = match;
  const monthIndex = MONTHS.findIndex((name) => name.toLowerCase() === month!.toLowerCase());
  return new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds)));
}
