import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * The client side of Cognito's SRP, written from amazon-cognito-identity-js's published algorithm and not
 * from Cognate's server code, with plain BigInt arithmetic: what an app's SRP client sends.
 */

/** The group's prime: the 3072-bit MODP prime of RFC 3526, as Cognito's clients embed it. */
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
const N = BigInt(`0x${N_HEX}`);
const G = 2n;

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let square = ((base % N) + N) % N;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % N;
    square = (square * square) % N;
  }
  return result;
}

/** Java's BigInteger.toByteArray() of a non-negative value: a 0x00 in front when the top bit is set. */
function javaBytes(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = Buffer.from(hex, "hex");
  return bytes[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function integer(bytes: Buffer): bigint {
  return BigInt(`0x${bytes.toString("hex")}`);
}

const K = integer(sha256(javaBytes(N), javaBytes(G)));
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `EEE MMM d HH:mm:ss UTC yyyy`, as the JavaScript client writes it (its getNowString). */
export function cognitoTimestamp(date: Date): string {
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(
    date.getUTCMinutes(),
  )}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/** One SRP client: a fresh private a and its public A = g^a mod N (SRP_A, hex). */
export class SrpClient {
  private readonly a: bigint;
  readonly A: bigint;

  constructor(private readonly poolId: string) {
    do {
      this.a = integer(randomBytes(128)) % N;
      this.A = power(G, this.a);
    } while (this.A === 0n);
  }

  get srpA(): string {
    return this.A.toString(16);
  }

  /**
   * PASSWORD_VERIFIER's answer for the challenge parameters received: USERNAME = USER_ID_FOR_SRP, the
   * SECRET_BLOCK echoed, TIMESTAMP (now, unless given) and the signature.
   */
  answer(
    challenge: Record<string, string> | undefined,
    password: string,
    options: { timestamp?: string; now?: Date } = {},
  ): { USERNAME: string; PASSWORD_CLAIM_SECRET_BLOCK: string; TIMESTAMP: string; PASSWORD_CLAIM_SIGNATURE: string } {
    const userId = challenge?.USER_ID_FOR_SRP;
    const secretBlock = challenge?.SECRET_BLOCK;
    if (userId === undefined || secretBlock === undefined || challenge?.SRP_B === undefined || challenge.SALT === undefined) {
      throw new Error(`not a PASSWORD_VERIFIER challenge: ${JSON.stringify(challenge)}`);
    }
    const poolName = this.poolId.split("_")[1]!;
    const B = BigInt(`0x${challenge.SRP_B}`);
    const salt = BigInt(`0x${challenge.SALT}`);
    const u = integer(sha256(javaBytes(this.A), javaBytes(B)));
    const x = integer(sha256(javaBytes(salt), sha256(Buffer.from(`${poolName}${userId}:${password}`, "utf8"))));
    const base = (((B - K * power(G, x)) % N) + N) % N;
    const S = power(base, this.a + u * x);
    const prk = createHmac("sha256", javaBytes(u)).update(javaBytes(S)).digest();
    const key = createHmac("sha256", prk).update(Buffer.from("Caldera Derived Key\u0001", "utf8")).digest().subarray(0, 16);
    const timestamp = options.timestamp ?? cognitoTimestamp(options.now ?? new Date());
    const signature = createHmac("sha256", key)
      .update(Buffer.from(poolName + userId, "utf8"))
      .update(Buffer.from(secretBlock, "base64"))
      .update(Buffer.from(timestamp, "utf8"))
      .digest("base64");
    return { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature };
  }
}
