import { defineOperation } from "../../types.js";
import { DEFAULT_PAGE_SIZE, listPage } from "../../../domain/pagination.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { primaryReplica, toUserPoolReplicaType } from "../../../domain/replicas/replicas.js";

export const listUserPoolReplicas = defineOperation("ListUserPoolReplicas", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const page = await listPage(
    { scope: `replicas:${pool.id}`, limit: DEFAULT_PAGE_SIZE, nextToken: input.NextToken, itemsMember: "UserPoolReplicas" },
    (page) => deps.store.replicas.list(pool.id, page),
    (replica) => toUserPoolReplicaType(replica, ctx.accountId),
  );
  // The pool itself heads the first page as the primary replica.
  return input.NextToken === undefined ? { ...page, UserPoolReplicas: [primaryReplica(pool, ctx.accountId), ...page.UserPoolReplicas] } : page;
});
