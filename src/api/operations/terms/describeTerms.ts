import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireTerms, toTermsType } from "../../../domain/terms/terms.js";

export const describeTerms = defineOperation("DescribeTerms", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { Terms: toTermsType(await requireTerms(deps.store, pool.id, input.TermsId)) };
});
