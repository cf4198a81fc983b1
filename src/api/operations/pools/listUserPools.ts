import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { toUserPoolDescription } from "../../../domain/pools/index.js";

export const listUserPools = defineOperation("ListUserPools", async (input, deps, ctx) => {
  // The region is part of the scope: a token from one region's listing is refused in another's.
  const page = await listPage(
    { scope: `pools:${ctx.region}`, limit: input.MaxResults, nextToken: input.NextToken },
    (request) => deps.store.pools.list(ctx.region, request),
  );
  return {
    UserPools: page.items.map(toUserPoolDescription),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
});
