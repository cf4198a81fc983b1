import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { resetPassword } from "../../../domain/users/lifecycle.js";

export const adminResetUserPassword = defineOperation("AdminResetUserPassword", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await resetPassword(deps, pool, input.Username, ctx.now);
  return {};
});
