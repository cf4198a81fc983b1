import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireReplica, toUserPoolReplicaType } from "../../../domain/replicas/replicas.js";

export const updateUserPoolReplica = defineOperation("UpdateUserPoolReplica", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const replica = await requireReplica(deps.store, pool, input.RegionName);
  const status = input.Status ?? replica.status;
  await deps.store.replicas.setStatus(pool.id, replica.region, status);
  return { UserPoolReplica: toUserPoolReplicaType({ ...replica, status }, ctx.accountId) };
});
