import type { AttributeType, CodeDeliveryDetailsType, GetUserResponse } from "@aws-sdk/client-cognito-identity-provider";
import { lockedUntil } from "../auth/lockout.js";
import { mfaSettingsOf } from "../mfa/userMfa.js";
import { rejectProof } from "../auth/passwordSignIn.js";
import { clientCanReadAttribute, clientCanWriteAttribute } from "../clients/attributePermissions.js";
import type { ClientRecord } from "../clients/types.js";
import {
  attemptLimitExceeded,
  previousPasswordMissing,
  unauthorizedAttributeWrite,
  userNotFound,
  USER_POLICY_PREFIX,
} from "../../errors/catalogue.js";
import { setPassword } from "../passwords/setPassword.js";
import type { UserPoolRecord } from "../pools/types.js";
import { attributeMap, toAttributeList } from "./attributes.js";
import type { UserDeps } from "./deps.js";
import type { UserRecord } from "./types.js";
import { applyAttributeUpdate, removeAttributes } from "./update.js";
import { storedPasswordMatches } from "../passwords/importedHash.js";

/*
 * What signed-in users do to their own profile, authorised by their access token (see
 * tokens/accessToken.ts, which yields the pool, the user and the app client the token was issued to).
 */

/** The user and the app client their access token was issued to. */
export interface SignedInUser {
  pool: UserPoolRecord;
  user: UserRecord;
  client: ClientRecord;
}

/**
 * GetUser: the username, the attributes the app client may read (`sub` always, as in ID tokens) and the
 * MFA settings, left out for a user without any as Cognito leaves them out.
 */
export function ownProfile({ user, client }: SignedInUser): GetUserResponse {
  const readable: Record<string, string> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub" || clientCanReadAttribute(client, name)) readable[name] = value;
  }
  return { Username: user.username, UserAttributes: toAttributeList(readable), ...mfaSettingsOf(user) };
}

/**
 * UpdateUserAttributes: every attribute given must be one the app client may write (never `sub` or the
 * verification flags, which only verification or an administrator sets), then applyAttributeUpdate. Returns
 * where codes for a new email or phone number were sent.
 */
export async function updateOwnAttributes(
  deps: UserDeps,
  signedIn: SignedInUser,
  list: readonly AttributeType[],
  now: Date,
): Promise<CodeDeliveryDetailsType[]> {
  const given = attributeMap(list);
  checkWritable(signedIn.client, Object.keys(given));
  return applyAttributeUpdate(deps, signedIn.pool, signedIn.user, given, now);
}

/** DeleteUserAttributes: removing is writing, so the app client must be allowed to write each attribute. */
export async function deleteOwnAttributes(deps: UserDeps, signedIn: SignedInUser, names: readonly string[], now: Date): Promise<void> {
  checkWritable(signedIn.client, names);
  await removeAttributes(deps, signedIn.pool, signedIn.user, names, now);
}

/** DeleteUser: the user is gone, with their group memberships, refresh tokens and pending codes. */
export async function deleteOwnAccount(deps: Pick<UserDeps, "store">, { user }: SignedInUser): Promise<void> {
  if (!(await deps.store.users.delete(user.poolId, user.username))) throw userNotFound();
}

/**
 * ChangePassword. The previous password must be right; a wrong one counts as a failed sign-in, and while the
 * failures lock the user out no previous password is even looked at (`LimitExceededException`, as Cognito
 * answers ChangePassword, where sign-in answers `Password attempts exceeded`). A user without a password
 * (passwordless) may omit it. The new password then goes through setPassword: the policy (worded as the
 * user-facing operations word it), the history, CONFIRMED, failures cleared. Other sessions stay signed in,
 * as with Cognito.
 */
export async function changeOwnPassword(
  deps: UserDeps,
  { pool, user }: SignedInUser,
  passwords: { previous: string | undefined; proposed: string },
  now: Date,
): Promise<void> {
  const until = lockedUntil(await deps.store.users.signInFailures(pool.id, user.username), now);
  if (until !== undefined && now.getTime() < until.getTime()) throw attemptLimitExceeded();
  if (user.password === undefined) {
    if (passwords.previous !== undefined) await rejectProof(deps.store, { user, now });
  } else {
    if (passwords.previous === undefined) throw previousPasswordMissing();
    if (!(await storedPasswordMatches(deps.hasher, user.password, passwords.previous))) await rejectProof(deps.store, { user, now });
  }
  await setPassword(deps, { pool, user, password: passwords.proposed, permanent: true, prefix: USER_POLICY_PREFIX, now });
}

/** The attributes a user changes through an app client must be ones it lets them write. */
function checkWritable(client: ClientRecord, names: readonly string[]): void {
  if (names.some((name) => !clientCanWriteAttribute(client, name))) throw unauthorizedAttributeWrite();
}
