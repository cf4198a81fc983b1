import { sessionId } from "../auth/sessions.js";
import { MANAGED_LOGIN_SESSION, SIGN_UP_SESSION } from "../auth/types.js";
import type { ClientRecord } from "../clients/types.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";

/** Cognito keeps the managed-login session for one hour. */
export const MANAGED_LOGIN_SESSION_SECONDS = 60 * 60;

/**
 * A session the browser holds for an hour as a cookie token, for `user` on `client`'s pool, stored as the
 * token's hash beside the challenge sessions (sealed and swept like them): the managed-login session, and
 * the sign-up session of the self-service pages.
 */
export async function startBrowserSession(
  deps: { store: Store; random: Random },
  request: { client: ClientRecord; user: UserRecord; now: Date; kind: typeof MANAGED_LOGIN_SESSION | typeof SIGN_UP_SESSION; data: Record<string, unknown> },
): Promise<string> {
  const { client, user, now } = request;
  const token = deps.random.bytes(32).toString("base64url");
  await deps.store.sessions.create({
    id: sessionId(token),
    poolId: client.poolId,
    clientId: client.clientId,
    username: user.username,
    challenge: request.kind,
    createdAt: now,
    expiresAt: new Date(now.getTime() + MANAGED_LOGIN_SESSION_SECONDS * 1000),
    data: request.data,
  });
  return token;
}

/**
 * A new managed-login session for the user signed in on the pages. Any client of the pool may use it
 * (docs/behaviour.md#managed-login-session).
 */
export function startManagedLoginSession(
  deps: { store: Store; random: Random },
  request: { client: ClientRecord; user: UserRecord; now: Date; data?: Record<string, unknown> },
): Promise<string> {
  const data = { ...request.data, authTime: Math.floor(request.now.getTime() / 1000) };
  return startBrowserSession(deps, { client: request.client, user: request.user, now: request.now, kind: MANAGED_LOGIN_SESSION, data });
}

/**
 * The user a managed-login session cookie still signs in to `pool`, and when they signed in; undefined when
 * the session is unknown, expired, of another pool, ended by a global sign-out since, or its user is gone,
 * disabled or no longer CONFIRMED.
 */
export async function managedLoginUser(
  store: Store,
  request: { pool: UserPoolRecord; token: string | undefined; now: Date },
): Promise<{ user: UserRecord; authTime: number } | undefined> {
  const { pool, token, now } = request;
  if (token === undefined || token === "") return undefined;
  const session = await store.sessions.get(sessionId(token));
  if (
    session === undefined ||
    session.challenge !== MANAGED_LOGIN_SESSION ||
    session.poolId !== pool.id ||
    session.expiresAt.getTime() <= now.getTime()
  ) {
    return undefined;
  }
  const signedOutAt = await store.revocations.signedOutAt(pool.id, session.username);
  if (signedOutAt !== undefined && signedOutAt.getTime() >= session.createdAt.getTime()) return undefined;
  const user = await store.users.getByUsernameKey(pool.id, usernameKey(pool, session.username));
  if (user === undefined || !user.enabled || user.status !== "CONFIRMED") return undefined;
  const authTime = typeof session.data.authTime === "number" ? session.data.authTime : Math.floor(session.createdAt.getTime() / 1000);
  return { user, authTime };
}

/** Ends the session the cookie holds (`/logout`); nothing when there is none. */
export async function endManagedLoginSession(store: Store, token: string | undefined): Promise<void> {
  if (token === undefined || token === "") return;
  const session = await store.sessions.get(sessionId(token));
  if (session?.challenge === MANAGED_LOGIN_SESSION) await store.sessions.delete(session.id);
}
