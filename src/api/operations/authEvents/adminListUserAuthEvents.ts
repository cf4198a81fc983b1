import { defineOperation } from "../../types.js";
import { toAuthEventType } from "../../../domain/authEvents/authEvents.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireThreatProtection } from "../../../domain/risk/riskConfiguration.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminListUserAuthEvents = defineOperation("AdminListUserAuthEvents", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  requireThreatProtection(pool);
  const user = await requireUser(deps.store, pool, input.Username);
  return listPage(
    {
      scope: `authEvents:${pool.id}:${user.username}`,
      // MaxResults 0 is within the model's range; it reads as the default page.
      limit: input.MaxResults || DEFAULT_PAGE_SIZE,
      nextToken: input.NextToken,
      itemsMember: "AuthEvents",
    },
    (page) => deps.store.authEvents.list(pool.id, user.username, page),
    toAuthEventType,
  );
});
