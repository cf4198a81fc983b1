import { defineOperation } from "../../types.js";
import { deletionProtectionActive } from "../../../errors/catalogue.js";
import { requirePool } from "../../../domain/pools/index.js";

export const deleteUserPool = defineOperation("DeleteUserPool", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (pool.config.DeletionProtection === "ACTIVE") throw deletionProtectionActive();
  await deps.store.pools.delete(pool.id);
  return {};
});
