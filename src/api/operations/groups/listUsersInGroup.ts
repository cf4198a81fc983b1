import { defineOperation } from "../../types.js";
import { listPage } from "../../../domain/pagination.js";
import { requireGroup } from "../../../domain/groups/group.js";
import { groupPageSize } from "../../../domain/groups/paging.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toUserType } from "../../../domain/users/user.js";

export const listUsersInGroup = defineOperation("ListUsersInGroup", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const group = await requireGroup(deps.store, pool.id, input.GroupName);
  return listPage(
    {
      scope: `group-members:${pool.id}:${group.name}`,
      limit: groupPageSize(input.Limit),
      nextToken: input.NextToken,
      itemsMember: "Users",
    },
    (cursor) => deps.store.groups.listMembers(pool.id, group.name, cursor),
    toUserType,
  );
});
