import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireTerms, storeTerms, toTermsType, updatedTerms } from "../../../domain/terms/terms.js";

export const updateTerms = defineOperation("UpdateTerms", async (input, deps, ctx) => {
  return deps.store.transaction(async (tx) => {
    const pool = await requirePool(tx, input.UserPoolId, ctx.region);
    const terms = updatedTerms(await requireTerms(tx, pool.id, input.TermsId), input, ctx.now);
    await storeTerms(tx, terms, "update");
    return { Terms: toTermsType(terms) };
  });
});
