import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { termsNotFound } from "../../../errors/catalogue.js";

export const deleteTerms = defineOperation("DeleteTerms", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (!(await deps.store.terms.delete(pool.id, input.TermsId))) throw termsNotFound(input.TermsId);
  return {};
});
