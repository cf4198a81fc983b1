import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { setEnabled } from "../../../domain/users/lifecycle.js";

export const adminEnableUser = defineOperation("AdminEnableUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await setEnabled(deps, pool, input.Username, true, ctx.now);
  return {};
});
