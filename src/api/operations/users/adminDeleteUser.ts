import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { deleteUser } from "../../../domain/users/lifecycle.js";

export const adminDeleteUser = defineOperation("AdminDeleteUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await deleteUser(deps, pool, input.Username);
  return {};
});
