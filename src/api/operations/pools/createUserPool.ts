import { defineOperation } from "../../types.js";
import { newPoolId, newUserPool, toUserPoolType } from "../../../domain/pools/userPool.js";

export const createUserPool = defineOperation("CreateUserPool", async (input, deps, ctx) => {
  const pool = newUserPool(input, { id: newPoolId(deps.random, ctx.region), region: ctx.region, now: ctx.now });
  await deps.store.pools.create(pool);
  return { UserPool: toUserPoolType(pool, ctx.accountId, 0) };
});
