import { defineOperation } from "../../types.js";
import { deleteDomain } from "../../../domain/domains/domain.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const deleteUserPoolDomain = defineOperation("DeleteUserPoolDomain", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  await deleteDomain(deps.store, ctx.region, input.Domain, input.UserPoolId);
  return {};
});
