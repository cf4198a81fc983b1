import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { createUser } from "../../../domain/users/create.js";
import { toUserType } from "../../../domain/users/user.js";

export const adminCreateUser = defineOperation("AdminCreateUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const user = await createUser(deps, pool, input, ctx.now);
  return { User: toUserType(user) };
});
