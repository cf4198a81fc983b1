import { defineOperation } from "../../types.js";
import { requirePool, toUserPoolType } from "../../../domain/pools/userPool.js";

export const describeUserPool = defineOperation("DescribeUserPool", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const users = await deps.store.users.count(pool.id);
  return { UserPool: toUserPoolType(pool, ctx.accountId, users) };
});
