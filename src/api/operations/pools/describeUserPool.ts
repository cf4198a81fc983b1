import { defineOperation } from "../../types.js";
import { poolDomainMembers } from "../../../domain/domains/domain.js";
import { requirePool, toUserPoolType } from "../../../domain/pools/userPool.js";

export const describeUserPool = defineOperation("DescribeUserPool", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const users = await deps.store.users.count(pool.id);
  const domain = await deps.store.domains.getForPool(pool.id);
  return { UserPool: { ...toUserPoolType(pool, ctx.accountId, users), ...poolDomainMembers(domain) } };
});
