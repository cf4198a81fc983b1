import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { toGroupType } from "../../../domain/groups/group.js";
import { groupPageSize } from "../../../domain/groups/paging.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminListGroupsForUser = defineOperation("AdminListGroupsForUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const user = await requireUser(deps.store, pool, input.Username);
  return listPage(
    {
      scope: `user-groups:${pool.id}:${user.username}`,
      limit: groupPageSize(input.Limit),
      nextToken: input.NextToken,
      itemsMember: "Groups",
    },
    (cursor) => deps.store.groups.listForUser(pool.id, user.username, cursor),
    toGroupType,
  );
});
