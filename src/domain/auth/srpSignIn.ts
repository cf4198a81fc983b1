import { timingSafeEqual } from "node:crypto";
import { preventsUserExistenceErrors } from "../clients/appClient.js";
import { incorrectUsernameOrPassword, invalidSrpA, invalidSrpTimestamp, userNotFound } from "../../errors/catalogue.js";
import {
  N,
  N_HEX,
  parseSrpTimestamp,
  passwordAuthenticationKey,
  passwordClaimSignature,
  scramblingParameter,
  serverPremasterSecret,
  serverPublicValue,
  srpTimestamp,
} from "../passwords/srp.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import { findUser } from "../users/resolve.js";
import { preAuthentication } from "../triggers/userTriggers.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import type { ClientInPool } from "../clients/types.js";
import { requiredParameter } from "./parameters.js";
import type { AuthDeps, AuthOutcome } from "./types.js";
import { decoySrpIdentity } from "./decoySrp.js";
import { afterPasswordProven, checkBeforeProof, rejectProof } from "./passwordSignIn.js";
import { checkSecretHash } from "./secretHash.js";
import { findLiveSession, startSession } from "./sessions.js";

/** b, the server's private value: 256 random bits, the strength of the 3072-bit group itself. */
const PRIVATE_VALUE_BYTES = 32;
/** The SECRET_BLOCK is only the key of the stored challenge: random bytes, base64 like Cognito's (opaque) blocks. */
const SECRET_BLOCK_BYTES = 256;
/**
 * How far a claim's TIMESTAMP may be from the server's clock either way. Cognito checks it against its own
 * clock with a tolerance it does not publish; clients more than about five minutes off are reported to fail.
 */
const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * What the PASSWORD_VERIFIER session keeps until the answer (hex): the client's A, the server's B and b, and
 * for a challenge no password can pass (unknown user, user without a password) the decoy verifier B was
 * made with, so that the answer costs the same work.
 */
interface VerifierState {
  A: string;
  B: string;
  b: string;
  decoyVerifier?: string;
}

/**
 * USER_SRP_AUTH's first step: USERNAME (the username or an alias) and SRP_A; SECRET_HASH over the name
 * typed. Answers PASSWORD_VERIFIER (see offerPasswordVerifier).
 */
export async function startSrpSignIn(
  deps: AuthDeps,
  request: ClientInPool & { parameters: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, parameters, now } = request;
  const username = requiredParameter(parameters, "USERNAME");
  const A = clientPublicValue(requiredParameter(parameters, "SRP_A"));
  checkSecretHash(client, parameters?.SECRET_HASH, username);
  const user = await findSrpUser(deps.store, pool, username);
  if (user !== undefined) await preAuthentication(deps, pool, { user, clientId: client.clientId });
  return offerPasswordVerifier(deps, { pool, client, user, username, A, now });
}

/**
 * A, read from SRP_A: hex digits of an integer 0 < A < N (clients send g^a mod N). SRP-6a requires the
 * server to abort on A ≡ 0 (mod N); Cognito's wording for it is not on record, so this one is ours. Text
 * longer than twice N's digits is refused unread.
 */
export function clientPublicValue(srpA: string): bigint {
  const A = srpA.length <= 2 * N_HEX.length && /^[0-9a-fA-F]+$/.test(srpA) ? BigInt(`0x${srpA}`) : 0n;
  if (A === 0n || A >= N) throw invalidSrpA();
  return A;
}

/**
 * The user USER_SRP_AUTH's USERNAME names: the username or an alias, but not the sub, which Cognito answers
 * here as an unknown user (measured on AWS), unlike the password flows.
 */
export async function findSrpUser(store: Store, pool: UserPoolRecord, username: string): Promise<UserRecord | undefined> {
  const user = await findUser(store, pool, username);
  const foundBySub = user !== undefined && user.usernameKey !== usernameKey(pool, username) && user.sub === username;
  return foundBySub ? undefined : user;
}

/**
 * PASSWORD_VERIFIER for the user the name `username` resolved to (undefined: nobody): SALT, SRP_B, the
 * SECRET_BLOCK naming the stored challenge, and USERNAME = USER_ID_FOR_SRP = the internal username, which
 * the client proves the password against. No Session, as Cognito sends none with this challenge: the
 * SECRET_BLOCK is the state. The lockout and, unless users are hidden, an unconfirmed or reset state are
 * refused here, before any proof.
 *
 * An unknown name gets UserNotFoundException, or behind PreventUserExistenceErrors a challenge like any
 * other: a salt and UUID-shaped USER_ID_FOR_SRP that stay the same for that name, and a B made from a decoy
 * verifier; it fails only at the answer, as a wrong password. A user without a password is offered the same
 * decoy under their real username.
 */
export async function offerPasswordVerifier(
  deps: AuthDeps,
  request: ClientInPool & { user: UserRecord | undefined; username: string; A: bigint; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, user, A, now } = request;
  if (user === undefined && !preventsUserExistenceErrors(client)) throw userNotFound();
  if (user !== undefined) await checkBeforeProof(deps.store, { client, user, now });

  let userIdForSrp: string;
  let saltHex: string;
  let verifier: bigint;
  let decoy = false;
  // An imported hash has no SRP verifier until the first password sign-in (docs/behaviour.md, User import jobs).
  if (user?.password !== undefined && user.password.importedAs === undefined) {
    userIdForSrp = user.username;
    saltHex = user.password.srpSalt;
    verifier = BigInt(`0x${user.password.srpVerifier}`);
  } else {
    const identity = await decoySrpIdentity(deps, pool, user?.username ?? request.username, now);
    userIdForSrp = user?.username ?? identity.userId;
    saltHex = identity.salt;
    verifier = randomBelowN(deps.random);
    decoy = true;
  }

  let b: bigint;
  let B: bigint;
  do {
    b = randomInteger(deps.random, PRIVATE_VALUE_BYTES);
    B = serverPublicValue(verifier, b);
  } while (b === 0n || B === 0n || scramblingParameter(A, B) === 0n);

  const state: VerifierState = { A: A.toString(16), B: B.toString(16), b: b.toString(16) };
  if (decoy) state.decoyVerifier = verifier.toString(16);
  const secretBlock = deps.random.bytes(SECRET_BLOCK_BYTES).toString("base64");
  await startSession(deps, {
    client,
    username: userIdForSrp,
    challenge: "PASSWORD_VERIFIER",
    now,
    token: secretBlock,
    data: { ...state },
  });
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: {
      // Cognito sends the salt as an integer: no leading zeros.
      SALT: BigInt(`0x${saltHex}`).toString(16),
      SRP_B: B.toString(16),
      SECRET_BLOCK: secretBlock,
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
  };
}

/**
 * The answer to PASSWORD_VERIFIER: USERNAME (the USER_ID_FOR_SRP it was given, or another name of that user),
 * PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE; SECRET_HASH over that USERNAME.
 *
 * A malformed TIMESTAMP is refused in Cognito's words and changes nothing. Otherwise the SECRET_BLOCK's
 * challenge is used up whatever follows, so each challenge allows one proof: an unknown, used or expired
 * block, a USERNAME of someone else, or a TIMESTAMP out of tolerance answer as a wrong password without
 * counting toward the lockout (no proof was weighed); a signature that does not verify counts.
 * Verified, the sign-in goes on exactly as after a correct password in USER_PASSWORD_AUTH.
 */
export async function answerPasswordVerifier(
  deps: AuthDeps,
  request: ClientInPool & { responses: Record<string, string> | undefined; now: Date },
): Promise<AuthOutcome> {
  const { pool, client, responses, now } = request;
  const username = requiredParameter(responses, "USERNAME");
  const secretBlock = requiredParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const timestamp = requiredParameter(responses, "TIMESTAMP");
  const signature = requiredParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
  checkSecretHash(client, responses?.SECRET_HASH, username);
  const signedAt = parseSrpTimestamp(timestamp);
  if (signedAt === undefined) throw invalidSrpTimestamp();

  const session = await findLiveSession(deps.store, { token: secretBlock, client, challenge: "PASSWORD_VERIFIER", now });
  if (session === undefined || !(await deps.store.sessions.delete(session.id))) throw incorrectUsernameOrPassword();
  const state = verifierState(session.data);
  const named = await findUser(deps.store, pool, username);
  const user = named?.username === session.username ? named : undefined;
  if (user === undefined && state.decoyVerifier === undefined) throw incorrectUsernameOrPassword();
  const failures = user === undefined ? undefined : await checkBeforeProof(deps.store, { client, user, now });
  if (!(await signedInTime(deps.store, signedAt, now))) throw incorrectUsernameOrPassword();

  const verifierHex = state.decoyVerifier ?? user?.password?.srpVerifier;
  if (verifierHex === undefined) throw incorrectUsernameOrPassword();
  const A = BigInt(`0x${state.A}`);
  const B = BigInt(`0x${state.B}`);
  const verifier = BigInt(`0x${verifierHex}`);
  const u = scramblingParameter(A, B);
  const key = passwordAuthenticationKey(serverPremasterSecret(A, verifier, u, BigInt(`0x${state.b}`)), u);
  const expected = passwordClaimSignature(key, pool.id, session.username, Buffer.from(secretBlock, "base64"), srpTimestamp(signedAt));
  const presented = Buffer.from(signature, "base64");
  const verified = presented.length === expected.length && timingSafeEqual(presented, expected);

  if (user === undefined) throw incorrectUsernameOrPassword();
  if (!verified || state.decoyVerifier !== undefined) return rejectProof(deps.store, { user, now });
  return afterPasswordProven(deps, { pool, client, user, failures, now });
}

/**
 * Whether a claim signed at `signedAt` is recent enough. Real clients sign with their own wall clock, while
 * `now` includes any offset the local control API added (tests move time forward to expire passwords and
 * locks, then sign in with unmodified clients): a TIMESTAMP within the tolerance of either the offset clock
 * or the wall clock (`now` less the offset) is accepted. Without an offset both are the same clock; with the
 * control API off, `now` is the wall clock and a stored offset left from dev mode only adds a second window,
 * harmless since a SECRET_BLOCK allows one proof and expires within minutes anyway.
 */
async function signedInTime(store: Store, signedAt: Date, now: Date): Promise<boolean> {
  const offsetMs = (await store.settings.clockOffsetSeconds()) * 1000;
  const near = (reference: number) => Math.abs(signedAt.getTime() - reference) <= TIMESTAMP_TOLERANCE_MS;
  return near(now.getTime()) || near(now.getTime() - offsetMs);
}

/** The session's data as offerPasswordVerifier stored it. */
function verifierState(data: Record<string, unknown>): VerifierState {
  const { A, B, b, decoyVerifier } = data;
  if (typeof A !== "string" || typeof B !== "string" || typeof b !== "string") throw incorrectUsernameOrPassword();
  return { A, B, b, ...(typeof decoyVerifier === "string" ? { decoyVerifier } : {}) };
}

function randomInteger(random: Random, bytes: number): bigint {
  return BigInt(`0x${random.bytes(bytes).toString("hex")}`);
}

/** A uniformly distributed stand-in for a verifier g^x mod N (which is any value 1..N−1 to an observer). */
function randomBelowN(random: Random): bigint {
  const value = randomInteger(random, 2 * 384) % N;
  return value === 0n ? 1n : value;
}
