import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { listUsers as listPoolUsers } from "../../../domain/users/list.js";

export const listUsers = defineOperation("ListUsers", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPoolUsers(deps.store, pool, input);
});
