import { defineOperation } from "../../types.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toUserPoolClientDescription } from "../../../domain/clients/appClient.js";

export const listUserPoolClients = defineOperation("ListUserPoolClients", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPage(
    {
      scope: `clients:${pool.id}`,
      limit: input.MaxResults ?? DEFAULT_PAGE_SIZE,
      nextToken: input.NextToken,
      itemsMember: "UserPoolClients",
    },
    (cursor) => deps.store.clients.list(pool.id, cursor),
    toUserPoolClientDescription,
  );
});
