import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toMfaConfig, withMfaConfig } from "../../../domain/mfa/poolMfaConfig.js";

export const setUserPoolMfaConfig = defineOperation("SetUserPoolMfaConfig", async (input, deps, ctx) => {
  const updated = await deps.store.transaction(async (tx) => {
    const pool = withMfaConfig(await requirePool(tx, input.UserPoolId, ctx.region), input, ctx.now);
    await tx.pools.update(pool);
    return pool;
  });
  return toMfaConfig(updated);
});
