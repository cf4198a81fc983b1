import { defineOperation } from "../../types.js";
import { cloudFrontDomain, createDomain } from "../../../domain/domains/domain.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const createUserPoolDomain = defineOperation("CreateUserPoolDomain", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  const domain = await createDomain(deps.store, input, ctx.region, ctx.now);
  return {
    ManagedLoginVersion: domain.managedLoginVersion,
    // Only a custom domain has a distribution for its DNS alias to point at.
    ...(domain.customDomain === undefined ? {} : { CloudFrontDomain: cloudFrontDomain(domain) }),
  };
});
