import { defineOperation } from "../../types.js";
import { disableProviderForUser } from "../../../domain/federation/linking.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminDisableProviderForUser = defineOperation("AdminDisableProviderForUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await disableProviderForUser(deps.store, pool, { user: input.User, now: ctx.now });
  return {};
});
