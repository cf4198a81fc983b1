import { defineOperation } from "../../types.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toResourceServerType } from "../../../domain/resourceServers/resourceServer.js";

export const listResourceServers = defineOperation("ListResourceServers", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPage(
    {
      scope: `resourceServers:${pool.id}`,
      limit: input.MaxResults ?? DEFAULT_PAGE_SIZE,
      nextToken: input.NextToken,
      itemsMember: "ResourceServers",
    },
    (cursor) => deps.store.resourceServers.list(pool.id, cursor),
    toResourceServerType,
  );
});
