import type { CreateGroupRequest, GroupType, UpdateGroupRequest } from "@aws-sdk/client-cognito-identity-provider";
import { groupExists, groupNotFound } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { GroupRecord } from "./types.js";

export function newGroup(
  input: CreateGroupRequest & { GroupName: string; UserPoolId: string },
  now: Date,
): GroupRecord {
  return {
    poolId: input.UserPoolId,
    name: input.GroupName,
    ...(input.Description === undefined ? {} : { description: input.Description }),
    ...(input.RoleArn === undefined ? {} : { roleArn: input.RoleArn }),
    ...(input.Precedence === undefined ? {} : { precedence: input.Precedence }),
    createdAt: now,
    lastModifiedAt: now,
  };
}

/** Stores a new group; a name already used in the pool is Cognito's GroupExistsException. */
export async function storeNewGroup(store: Store, group: GroupRecord): Promise<void> {
  try {
    await store.groups.create(group);
  } catch (error) {
    throw error instanceof StorageConflictError ? groupExists() : error;
  }
}

/** The named group of the pool, or Cognito's ResourceNotFoundException. Names match exactly (case-sensitive). */
export async function requireGroup(store: Store, poolId: string, name: string): Promise<GroupRecord> {
  const group = await store.groups.get(poolId, name);
  if (group === undefined) throw groupNotFound();
  return group;
}

/** Applies UpdateGroup's changes to the named group and returns the group as stored. */
export async function changeGroup(
  store: Store,
  poolId: string,
  name: string,
  changes: UpdateGroupRequest,
  now: Date,
): Promise<GroupRecord> {
  return store.transaction(async (tx) => {
    const group = updatedGroup(await requireGroup(tx, poolId, name), changes, now);
    if (!(await tx.groups.update(group))) throw groupNotFound();
    return group;
  });
}

/** Deletes the named group with its memberships, or throws Cognito's ResourceNotFoundException. */
export async function removeGroup(store: Store, poolId: string, name: string): Promise<void> {
  if (!(await store.groups.delete(poolId, name))) throw groupNotFound();
}

/**
 * UpdateGroup changes only the members it names: an omitted Description, RoleArn or Precedence keeps its value
 * (Cognito's documented "updates any of the properties"; clients such as Terraform send only what changed).
 */
function updatedGroup(group: GroupRecord, changes: UpdateGroupRequest, now: Date): GroupRecord {
  return {
    ...group,
    ...(changes.Description === undefined ? {} : { description: changes.Description }),
    ...(changes.RoleArn === undefined ? {} : { roleArn: changes.RoleArn }),
    ...(changes.Precedence === undefined ? {} : { precedence: changes.Precedence }),
    lastModifiedAt: now,
  };
}

export function toGroupType(group: GroupRecord): GroupType {
  return {
    GroupName: group.name,
    UserPoolId: group.poolId,
    ...(group.description === undefined ? {} : { Description: group.description }),
    ...(group.roleArn === undefined ? {} : { RoleArn: group.roleArn }),
    ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
    LastModifiedDate: group.lastModifiedAt,
    CreationDate: group.createdAt,
  };
}
