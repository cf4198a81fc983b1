import { defineOperation } from "../../types.js";
import { deleteUserPool as deletePool, requirePool } from "../../../domain/pools/userPool.js";

export const deleteUserPool = defineOperation("DeleteUserPool", async (input, deps, ctx) => {
  await deletePool(deps.store, await requirePool(deps.store, input.UserPoolId, ctx.region));
  return {};
});
