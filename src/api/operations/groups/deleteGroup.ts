import { defineOperation } from "../../types.js";
import { removeGroup } from "../../../domain/groups/group.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const deleteGroup = defineOperation("DeleteGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await removeGroup(deps.store, pool.id, input.GroupName);
  return {};
});
