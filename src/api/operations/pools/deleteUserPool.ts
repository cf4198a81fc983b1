import { defineOperation } from "../../types.js";
import { CognitoError } from "../../../errors/cognitoError.js";
import { requirePool } from "../../../domain/pools/index.js";

export const deleteUserPool = defineOperation("DeleteUserPool", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (pool.config.DeletionProtection === "ACTIVE") {
    throw new CognitoError(
      "InvalidParameterException",
      "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
    );
  }
  await deps.store.pools.delete(pool.id);
  return {};
});
