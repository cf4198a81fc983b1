import { defineOperation } from "../../types.js";
import { addUserToGroup } from "../../../domain/groups/membership.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminAddUserToGroup = defineOperation("AdminAddUserToGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await addUserToGroup(deps.store, pool, input.GroupName, input.Username);
  return {};
});
