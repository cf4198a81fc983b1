import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { deleteReplica, toUserPoolReplicaType } from "../../../domain/replicas/replicas.js";

export const deleteUserPoolReplica = defineOperation("DeleteUserPoolReplica", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const replica = await deps.store.transaction((tx) => deleteReplica(tx, pool, input.RegionName));
  return { UserPoolReplica: { ...toUserPoolReplicaType(replica, ctx.accountId), Status: "DELETING" } };
});
