import { defineOperation } from "../../types.js";
import { changeGroup, toGroupType } from "../../../domain/groups/group.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const updateGroup = defineOperation("UpdateGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const group = await changeGroup(deps.store, pool.id, input.GroupName, input, ctx.now);
  return { Group: toGroupType(group) };
});
