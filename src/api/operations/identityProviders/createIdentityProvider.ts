import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { newIdentityProvider, storeNewIdentityProvider, toIdentityProviderType } from "../../../domain/identityProviders/identityProvider.js";

export const createIdentityProvider = defineOperation("CreateIdentityProvider", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const provider = await newIdentityProvider({ pool, reader: deps.providerHttp, now: ctx.now }, input);
  await storeNewIdentityProvider(deps.store, provider);
  return { IdentityProvider: toIdentityProviderType(provider) };
});
