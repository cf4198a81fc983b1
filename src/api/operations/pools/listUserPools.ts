import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { toUserPoolDescription } from "../../../domain/pools/userPool.js";

export const listUserPools = defineOperation("ListUserPools", async (input, deps, ctx) =>
  // The region is part of the scope: a token from one region's listing is refused in another's.
  listPage(
    { scope: `pools:${ctx.region}`, limit: input.MaxResults, nextToken: input.NextToken, itemsMember: "UserPools" },
    (cursor) => deps.store.pools.list(ctx.region, cursor),
    toUserPoolDescription,
  ),
);
