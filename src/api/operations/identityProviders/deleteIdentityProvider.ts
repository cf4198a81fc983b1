import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { removeIdentityProvider } from "../../../domain/identityProviders/identityProvider.js";

export const deleteIdentityProvider = defineOperation("DeleteIdentityProvider", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await removeIdentityProvider(deps.store, pool.id, input.ProviderName);
  return {};
});
