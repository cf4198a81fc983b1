import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireIdentityProviderByIdentifier, toIdentityProviderType } from "../../../domain/identityProviders/identityProvider.js";

export const getIdentityProviderByIdentifier = defineOperation("GetIdentityProviderByIdentifier", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { IdentityProvider: toIdentityProviderType(await requireIdentityProviderByIdentifier(deps.store, pool.id, input.IdpIdentifier)) };
});
