import type { UserPoolRecord } from "../pools/types.js";
import { requireUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import type { Store } from "../ports/store.js";
import { requireGroup } from "./group.js";
import type { GroupRecord } from "./types.js";

/**
 * Puts the user (found by username, alias or sub) in the group; already being a member is no error.
 * The group is checked before the user, as moto does; Cognito's own order is not documented.
 */
export async function addUserToGroup(
  store: Store,
  pool: UserPoolRecord,
  groupName: string,
  username: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    const { group, user } = await requireGroupAndUser(tx, pool, groupName, username);
    await tx.groups.addMember(pool.id, group.name, user.username);
  });
}

/** Takes the user out of the group; a user who was not a member is no error. */
export async function removeUserFromGroup(
  store: Store,
  pool: UserPoolRecord,
  groupName: string,
  username: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    const { group, user } = await requireGroupAndUser(tx, pool, groupName, username);
    await tx.groups.removeMember(pool.id, group.name, user.username);
  });
}

async function requireGroupAndUser(
  store: Store,
  pool: UserPoolRecord,
  groupName: string,
  username: string,
): Promise<{ group: GroupRecord; user: UserRecord }> {
  const group = await requireGroup(store, pool.id, groupName);
  const user = await requireUser(store, pool, username);
  return { group, user };
}
