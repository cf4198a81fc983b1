import { defineOperation } from "../../types.js";
import { removeUserFromGroup } from "../../../domain/groups/membership.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminRemoveUserFromGroup = defineOperation("AdminRemoveUserFromGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await removeUserFromGroup(deps.store, pool, input.GroupName, input.Username);
  return {};
});
