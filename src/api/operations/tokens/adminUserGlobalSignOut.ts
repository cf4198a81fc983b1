import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { signOutEverywhere } from "../../../domain/tokens/revocation.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminUserGlobalSignOut = defineOperation("AdminUserGlobalSignOut", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await signOutEverywhere(deps.store, await requireUser(deps.store, pool, input.Username), ctx.now);
  return {};
});
