import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { confirmSignUp } from "../../../domain/users/lifecycle.js";

export const adminConfirmSignUp = defineOperation("AdminConfirmSignUp", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await confirmSignUp(deps, pool, input.Username, ctx.now, input.ClientMetadata);
  return {};
});
