import { createHash } from "node:crypto";
import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { authSessionSeconds, type ClientRecord } from "../clients/index.js";
import { CognitoError } from "../errors.js";
import type { Random } from "../random.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../../storage/store.js";
import type { AuthSessionRecord } from "./types.js";

/** Cognito's sessions are opaque blobs starting like this; SDKs treat them as strings of 20..2048 characters. */
const SESSION_PREFIX = "AYABe";
/** 180 random bytes: 240 base64url characters, 1440 bits. */
const SESSION_BYTES = 180;

/** What the store keeps instead of the token the client holds: its SHA-256, hex. */
export function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function invalidSession(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Invalid session for the user, session is expired.");
}

/**
 * Opens a challenge session for `user` on `client`, valid for the client's AuthSessionValidity, and returns
 * the opaque token to hand out as `Session`. Sessions that have expired by now are removed on the way.
 */
export async function startSession(
  deps: { store: Store; random: Random },
  request: { client: ClientRecord; user: UserRecord; challenge: ChallengeNameType; now: Date },
): Promise<string> {
  const { client, user, challenge, now } = request;
  const token = SESSION_PREFIX + deps.random.bytes(SESSION_BYTES).toString("base64url");
  await deps.store.sessions.deleteExpired(now);
  await deps.store.sessions.create({
    id: sessionId(token),
    poolId: client.poolId,
    clientId: client.clientId,
    username: user.username,
    challenge,
    createdAt: now,
    expiresAt: new Date(now.getTime() + authSessionSeconds(client) * 1000),
    data: {},
  });
  return token;
}

/**
 * The live session a challenge answer presents: it must exist, be unexpired, belong to this client and
 * pool, and be waiting for this challenge. Anything else is Cognito's one "invalid session" answer, which
 * says nothing about which check failed.
 */
export async function openSession(
  store: Store,
  request: { token: string; client: ClientRecord; challenge: ChallengeNameType; now: Date },
): Promise<AuthSessionRecord> {
  const { token, client, challenge, now } = request;
  const session = await store.sessions.get(sessionId(token));
  if (
    session === undefined ||
    session.expiresAt.getTime() <= now.getTime() ||
    session.poolId !== client.poolId ||
    session.clientId !== client.clientId ||
    session.challenge !== challenge
  ) {
    throw invalidSession();
  }
  return session;
}

/**
 * Uses the session up, inside the transaction `tx` that applies the answer: of two answers racing on any
 * instances, only the one whose delete removed the row goes on; should the answer fail, the rollback
 * restores the session.
 */
export async function consumeSession(tx: Store, session: AuthSessionRecord): Promise<void> {
  if (!(await tx.sessions.delete(session.id))) throw invalidSession();
}
