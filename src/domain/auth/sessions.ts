import { createHash } from "node:crypto";
import type { ChallengeNameType } from "@aws-sdk/client-cognito-identity-provider";
import { authSessionSeconds } from "../clients/tokenValidity.js";
import type { ClientRecord } from "../clients/types.js";
import { invalidSession } from "../../errors/catalogue.js";
import type { Random } from "../random.js";
import type { Store } from "../ports/store.js";
import type { AuthSessionRecord } from "./types.js";

/** Cognito's sessions are opaque blobs starting like this; SDKs treat them as strings of 20..2048 characters. */
const SESSION_PREFIX = "AYABe";
/** 180 random bytes: 240 base64url characters, 1440 bits. */
const SESSION_BYTES = 180;

/** What the store keeps instead of the token the client holds: its SHA-256, hex. */
export function sessionId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Opens a challenge session for the user named `username` (internal username) on `client`, valid for the
 * client's AuthSessionValidity, keeping `data` for the answer. Returns the opaque token to hand out as
 * `Session`, or `token` itself when the caller made one (SRP's SECRET_BLOCK). Expired sessions are left to
 * the sweeper (docs/behaviour.md, Sweeping), which keeps their removal off the sign-in's path.
 */
export async function startSession(
  deps: { store: Store; random: Random },
  request: {
    client: ClientRecord;
    username: string;
    challenge: ChallengeNameType;
    now: Date;
    data?: Record<string, unknown>;
    token?: string;
  },
): Promise<string> {
  const { client, username, challenge, now } = request;
  const token = request.token ?? SESSION_PREFIX + deps.random.bytes(SESSION_BYTES).toString("base64url");
  await deps.store.sessions.create({
    id: sessionId(token),
    poolId: client.poolId,
    clientId: client.clientId,
    username,
    challenge,
    createdAt: now,
    expiresAt: new Date(now.getTime() + authSessionSeconds(client) * 1000),
    data: request.data ?? {},
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
  const session = await findLiveSession(store, request);
  if (session === undefined) throw invalidSession();
  return session;
}

/** openSession's checks, leaving the answer to a missing, expired or foreign session to the caller. */
export async function findLiveSession(
  store: Store,
  request: { token: string; client: ClientRecord; challenge: ChallengeNameType; now: Date },
): Promise<AuthSessionRecord | undefined> {
  const { token, client, challenge, now } = request;
  const session = await store.sessions.get(sessionId(token));
  if (
    session === undefined ||
    session.expiresAt.getTime() <= now.getTime() ||
    session.poolId !== client.poolId ||
    session.clientId !== client.clientId ||
    session.challenge !== challenge
  ) {
    return undefined;
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
