import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { toGroupType } from "../../../domain/groups/group.js";
import { groupPageSize } from "../../../domain/groups/paging.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const listGroups = defineOperation("ListGroups", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return listPage(
    { scope: `groups:${pool.id}`, limit: groupPageSize(input.Limit), nextToken: input.NextToken, itemsMember: "Groups" },
    (cursor) => deps.store.groups.list(pool.id, cursor),
    toGroupType,
  );
});
