import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { updateAttributes } from "../../../domain/users/update.js";

export const adminUpdateUserAttributes = defineOperation("AdminUpdateUserAttributes", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await updateAttributes(deps, pool, input.Username, input.UserAttributes, ctx.now);
  return {};
});
