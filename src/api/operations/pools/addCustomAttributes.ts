import { defineOperation } from "../../types.js";
import { requirePool, withCustomAttributes } from "../../../domain/pools/userPool.js";

export const addCustomAttributes = defineOperation("AddCustomAttributes", async (input, deps, ctx) => {
  await deps.store.transaction(async (tx) => {
    const pool = await requirePool(tx, input.UserPoolId, ctx.region);
    await tx.pools.update(withCustomAttributes(pool, input.CustomAttributes, ctx.now));
  });
  return {};
});
