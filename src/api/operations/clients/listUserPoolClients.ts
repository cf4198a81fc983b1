import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/index.js";
import { toUserPoolClientDescription } from "../../../domain/clients/index.js";

/** Cognito does not document the page size without MaxResults; 25 is what its listings are observed to return. */
const DEFAULT_PAGE_SIZE = 25;

export const listUserPoolClients = defineOperation("ListUserPoolClients", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const page = await listPage(
    { scope: `clients:${pool.id}`, limit: input.MaxResults ?? DEFAULT_PAGE_SIZE, nextToken: input.NextToken },
    (request) => deps.store.clients.list(pool.id, request),
  );
  return {
    UserPoolClients: page.items.map(toUserPoolClientDescription),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
});
