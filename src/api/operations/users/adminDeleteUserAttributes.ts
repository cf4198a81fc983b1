import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { deleteAttributes } from "../../../domain/users/update.js";

export const adminDeleteUserAttributes = defineOperation("AdminDeleteUserAttributes", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await deleteAttributes(deps, pool, input.Username, input.UserAttributeNames, ctx.now);
  return {};
});
