import { userNotFound } from "../../errors/catalogue.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Store } from "../ports/store.js";
import { aliasKey, aliasKindsOf, usernameKey } from "./aliases.js";
import type { UserRecord } from "./types.js";

/**
 * The user a `Username` member names, as every Admin* operation reads it: the username (case-folded in a
 * case-insensitive pool), then each alias the pool configures (see aliasKeys for which values count), then
 * the `sub`. The first match wins; responses then name `user.username`, never the value typed.
 */
export async function findUser(store: Store, pool: UserPoolRecord, username: string): Promise<UserRecord | undefined> {
  const byUsername = await store.users.getByUsernameKey(pool.id, usernameKey(pool, username));
  if (byUsername !== undefined) return byUsername;
  for (const kind of aliasKindsOf(pool)) {
    const byAlias = await store.users.getByAlias(pool.id, kind, aliasKey(pool, kind, username));
    if (byAlias !== undefined) return byAlias;
  }
  return store.users.getBySub(pool.id, username);
}

/** findUser, or Cognito's `UserNotFoundException`. */
export async function requireUser(store: Store, pool: UserPoolRecord, username: string): Promise<UserRecord> {
  const user = await findUser(store, pool, username);
  if (user === undefined) throw userNotFound();
  return user;
}
