import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireUser } from "../../../domain/users/resolve.js";
import { toGetUserResponse } from "../../../domain/users/user.js";

export const adminGetUser = defineOperation("AdminGetUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return toGetUserResponse(await requireUser(deps.store, pool, input.Username));
});
