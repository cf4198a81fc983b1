import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toMfaConfig } from "../../../domain/mfa/poolMfaConfig.js";

export const getUserPoolMfaConfig = defineOperation("GetUserPoolMfaConfig", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return toMfaConfig(pool);
});
