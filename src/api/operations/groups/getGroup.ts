import { defineOperation } from "../../types.js";
import { requireGroup, toGroupType } from "../../../domain/groups/group.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const getGroup = defineOperation("GetGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { Group: toGroupType(await requireGroup(deps.store, pool.id, input.GroupName)) };
});
