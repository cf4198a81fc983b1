import { sessionId } from "../auth/sessions.js";
import { SIGN_UP_SESSION } from "../auth/types.js";
import type { ClientRecord } from "../clients/types.js";
import { allowsAdminCreateUserOnly, requiredAttributes, usernameAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import { findUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { startBrowserSession } from "./managedLoginSession.js";

/** What the sign-up page asks for: the name users sign in with, and the pool's other required attributes. */
export interface SignUpPageFields {
  /** False when only administrators create users (AllowAdminCreateUserOnly). */
  allowed: boolean;
  /** What the username field holds: a username, or the attribute users sign in with. */
  username: "username" | "email" | "phone_number" | "email or phone_number";
  /** Required attributes asked for as their own fields (the one the username field holds left out). */
  requiredAttributes: string[];
}

export function signUpPageFields(pool: UserPoolRecord): SignUpPageFields {
  const instead = usernameAttributes(pool);
  const username = instead.length === 0 ? "username" : instead.length === 2 ? "email or phone_number" : instead[0]!;
  const heldByUsername = (name: string) => instead.length === 1 && instead[0] === name;
  return {
    allowed: !allowsAdminCreateUserOnly(pool),
    username,
    requiredAttributes: requiredAttributes(pool).filter((name) => !heldByUsername(name)),
  };
}

/**
 * The attributes a sign-up form sends: its `requiredAttributes[<name>]` fields, and the username field's
 * value as the attribute users sign in with when the pool has exactly one.
 */
export function signUpAttributes(pool: UserPoolRecord, username: string, given: Record<string, string>): Array<{ Name: string; Value: string }> {
  const attributes = Object.entries(given).filter(([, value]) => value !== "");
  const instead = usernameAttributes(pool);
  if (instead.length === 1 && !attributes.some(([name]) => name === instead[0])) attributes.push([instead[0]!, username]);
  return attributes.map(([Name, Value]) => ({ Name, Value }));
}

/**
 * Remembers, for an hour, which user this browser signed up, so that confirming them on the page signs
 * the browser in without asking for the password again, as Cognito's hosted UI does.
 */
export function startSignUpSession(
  deps: { store: Store; random: Random },
  request: { client: ClientRecord; user: UserRecord; now: Date },
): Promise<string> {
  return startBrowserSession(deps, { ...request, kind: SIGN_UP_SESSION, data: {} });
}

/**
 * The user just confirmed on the page, when the browser's sign-up session names them and they may sign in
 * (CONFIRMED, enabled); the session is used up. Undefined otherwise: the browser then signs in with the form.
 */
export async function confirmedBySignUpSession(
  store: Store,
  request: { pool: UserPoolRecord; token: string | undefined; username: string; now: Date },
): Promise<UserRecord | undefined> {
  const { pool, token, now } = request;
  if (token === undefined || token === "") return undefined;
  const session = await store.sessions.get(sessionId(token));
  if (session === undefined || session.challenge !== SIGN_UP_SESSION || session.poolId !== pool.id || session.expiresAt.getTime() <= now.getTime()) {
    return undefined;
  }
  const user = await findUser(store, pool, request.username);
  if (user === undefined || user.username !== session.username || user.status !== "CONFIRMED" || !user.enabled) return undefined;
  if (!(await store.sessions.delete(session.id))) return undefined;
  return user;
}

/** The user a SignUp just made, by the sub it answered. */
export async function signedUpUser(store: Store, pool: UserPoolRecord, sub: string): Promise<UserRecord | undefined> {
  return findUser(store, pool, sub);
}
