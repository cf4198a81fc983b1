import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireIdentityProvider, toIdentityProviderType } from "../../../domain/identityProviders/identityProvider.js";

export const describeIdentityProvider = defineOperation("DescribeIdentityProvider", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { IdentityProvider: toIdentityProviderType(await requireIdentityProvider(deps.store, pool.id, input.ProviderName)) };
});
