import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import {
  replaceIdentityProvider,
  requireIdentityProvider,
  toIdentityProviderType,
  updatedIdentityProvider,
} from "../../../domain/identityProviders/identityProvider.js";

export const updateIdentityProvider = defineOperation("UpdateIdentityProvider", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const provider = await requireIdentityProvider(deps.store, pool.id, input.ProviderName);
  const updated = await updatedIdentityProvider({ pool, reader: deps.providerHttp, now: ctx.now }, provider, input);
  await replaceIdentityProvider(deps.store, updated);
  return { IdentityProvider: toIdentityProviderType(updated) };
});
