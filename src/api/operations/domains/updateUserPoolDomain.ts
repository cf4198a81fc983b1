import { defineOperation } from "../../types.js";
import { cloudFrontDomain, updateDomain } from "../../../domain/domains/domain.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const updateUserPoolDomain = defineOperation("UpdateUserPoolDomain", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  const domain = await updateDomain(deps.store, input, ctx.region, ctx.now);
  return {
    ManagedLoginVersion: domain.managedLoginVersion,
    ...(domain.customDomain === undefined ? {} : { CloudFrontDomain: cloudFrontDomain(domain) }),
  };
});
