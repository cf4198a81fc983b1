import { defineOperation } from "../../types.js";
import { newGroup, storeNewGroup, toGroupType } from "../../../domain/groups/group.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const createGroup = defineOperation("CreateGroup", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  const group = newGroup(input, ctx.now);
  await storeNewGroup(deps.store, group);
  return { Group: toGroupType(group) };
});
