import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { userAuthFactors } from "../../../domain/mfa/authFactors.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminGetUserAuthFactors = defineOperation("AdminGetUserAuthFactors", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return userAuthFactors(pool, await requireUser(deps.store, pool, input.Username));
});
