import { defineOperation } from "../../types.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toProviderDescription } from "../../../domain/identityProviders/identityProvider.js";

export const listIdentityProviders = defineOperation("ListIdentityProviders", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPage(
    {
      scope: `identityProviders:${pool.id}`,
      // The model allows 0; like an omitted limit it means a default page (docs/behaviour.md#identity-providers).
      limit: input.MaxResults || DEFAULT_PAGE_SIZE,
      nextToken: input.NextToken,
      itemsMember: "Providers",
    },
    (cursor) => deps.store.identityProviders.list(pool.id, cursor),
    toProviderDescription,
  );
});
