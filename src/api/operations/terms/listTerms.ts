import { defineOperation } from "../../types.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toTermsDescription } from "../../../domain/terms/terms.js";

export const listTerms = defineOperation("ListTerms", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPage(
    { scope: `terms:${pool.id}`, limit: input.MaxResults ?? DEFAULT_PAGE_SIZE, nextToken: input.NextToken, itemsMember: "Terms" },
    (page) => deps.store.terms.list(pool.id, page),
    toTermsDescription,
  );
});
