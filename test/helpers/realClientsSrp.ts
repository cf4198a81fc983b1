import { createRequire } from "node:module";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";

/**
 * The client half of Cognito's SRP exactly as amazon-cognito-identity-js computes it, with the client's
 * secret `a` fixed: the source of the expected values in the SRP known-answer tests. Nothing here computes
 * anything itself; it only drives the library (its AuthenticationHelper is exported but not in its typings).
 */

interface LibraryBigInteger {
  toString(radix: 16): string;
}

interface LibraryAuthenticationHelper {
  smallAValue: LibraryBigInteger;
  largeAValue: LibraryBigInteger | undefined;
  getLargeAValue(callback: (error: unknown, A: LibraryBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    B: LibraryBigInteger,
    salt: LibraryBigInteger,
    callback: (error: unknown, hkdf: Buffer) => void,
  ): void;
  calculateS(x: LibraryBigInteger, B: LibraryBigInteger, callback: (error: unknown, S: LibraryBigInteger) => void): void;
  hash(text: string): string;
  hexHash(hex: string): string;
  padHex(value: LibraryBigInteger): string;
}

type LibraryBigIntegerClass = new (hex: string, radix: 16) => LibraryBigInteger;

interface LibraryAuthenticationHelperClass {
  new (poolName: string): LibraryAuthenticationHelper;
  prototype: { generateRandomSmallA(): LibraryBigInteger };
}

const require = createRequire(import.meta.url);
const { AuthenticationHelper } = require("amazon-cognito-identity-js") as { AuthenticationHelper: LibraryAuthenticationHelperClass };
const BigInteger = (require("amazon-cognito-identity-js/lib/BigInteger.js") as { default: LibraryBigIntegerClass }).default;

const big = (value: bigint) => new BigInteger(value.toString(16), 16);
const toBigInt = (value: LibraryBigInteger) => BigInt(`0x${value.toString(16)}`);

function callbackResult<T>(run: (callback: (error: unknown, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

/** What the client side of one PASSWORD_VERIFIER exchange comes to, per the library. */
export interface LibrarySrpResult {
  /** A = g^a mod N. */
  A: bigint;
  /** The client's premaster secret S = (B − k·g^x)^(a + u·x) mod N. */
  S: bigint;
  /** The 16-byte HKDF key both sides sign with. */
  hkdf: Buffer;
}

/**
 * The library's AuthenticationHelper with `a` fixed, run against the server's B and salt.
 * `poolName` is the pool id's part after the underscore, as CognitoUserPool.getUserPoolName() gives it.
 */
export async function librarySrp(input: {
  poolName: string;
  a: bigint;
  username: string;
  password: string;
  B: bigint;
  salt: bigint;
}): Promise<LibrarySrpResult> {
  const helper = new AuthenticationHelper(input.poolName);
  helper.smallAValue = big(input.a);
  helper.largeAValue = undefined;
  const A = await callbackResult<LibraryBigInteger>((done) => helper.getLargeAValue(done));
  const B = big(input.B);
  const salt = big(input.salt);
  const hkdf = await callbackResult<Buffer>((done) =>
    helper.getPasswordAuthenticationKey(input.username, input.password, B, salt, done),
  );
  // x exactly as getPasswordAuthenticationKey forms it, to ask the library for its S as well.
  const x = new BigInteger(helper.hexHash(helper.padHex(salt) + helper.hash(`${input.poolName}${input.username}:${input.password}`)), 16);
  const S = await callbackResult<LibraryBigInteger>((done) => helper.calculateS(x, B, done));
  return { A: toBigInt(A), S: toBigInt(S), hkdf: Buffer.from(hkdf) };
}

/** The PASSWORD_VERIFIER challenge a server sends, as the library reads it. */
export interface PasswordVerifierChallenge {
  USER_ID_FOR_SRP: string;
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

/**
 * The complete client side of USER_SRP_AUTH as CognitoUser.authenticateUser runs it, with `a` fixed and the
 * network replaced by a stand-in server that answers InitiateAuth with `challenge`. Returns the SRP_A the
 * library sent and the ChallengeResponses of its RespondToAuthChallenge (USERNAME, TIMESTAMP,
 * PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE), which it signs with its own clock.
 */
export async function libraryPasswordClaim(input: {
  poolId: string;
  a: bigint;
  username: string;
  password: string;
  challenge: PasswordVerifierChallenge;
}): Promise<{ srpA: string; responses: Record<string, string> }> {
  const pool = new CognitoUserPool({ UserPoolId: input.poolId, ClientId: "kat-client", endpoint: "http://127.0.0.1:9" });
  let srpA: string | undefined;
  let responses: Record<string, string> | undefined;
  type Request = (operation: string, params: Record<string, unknown>, callback: (error: unknown, data?: unknown) => void) => void;
  const client = (pool as unknown as { client: { request: Request } }).client;
  client.request = (operation, params, callback) => {
    if (operation === "InitiateAuth") {
      srpA = (params.AuthParameters as Record<string, string>).SRP_A;
      callback(null, { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters: input.challenge, Session: "kat-session" });
    } else {
      responses = params.ChallengeResponses as Record<string, string>;
      callback(new Error("captured"));
    }
  };
  const prototype = AuthenticationHelper.prototype;
  const random = Object.getOwnPropertyDescriptor(prototype, "generateRandomSmallA")!;
  prototype.generateRandomSmallA = () => big(input.a);
  try {
    const user = new CognitoUser({ Username: input.username, Pool: pool });
    await new Promise<void>((resolve) =>
      user.authenticateUser(new AuthenticationDetails({ Username: input.username, Password: input.password }), {
        onSuccess: () => resolve(),
        onFailure: () => resolve(),
      }),
    );
  } finally {
    Object.defineProperty(prototype, "generateRandomSmallA", random);
  }
  if (srpA === undefined || responses === undefined) throw new Error("the library did not answer the PASSWORD_VERIFIER challenge");
  return { srpA, responses };
}
