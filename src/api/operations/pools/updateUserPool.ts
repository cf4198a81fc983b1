import { defineOperation } from "../../types.js";
import { requirePool, updatedUserPool } from "../../../domain/pools/userPool.js";

export const updateUserPool = defineOperation("UpdateUserPool", async (input, deps, ctx) => {
  await deps.store.transaction(async (tx) => {
    const pool = await requirePool(tx, input.UserPoolId, ctx.region);
    await tx.pools.update(updatedUserPool(pool, input, ctx.now));
  });
  return {};
});
