import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { createReplica, toUserPoolReplicaType } from "../../../domain/replicas/replicas.js";

export const createUserPoolReplica = defineOperation("CreateUserPoolReplica", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const replica = await createReplica(deps.store, pool, input, ctx.now);
  return { UserPoolReplica: toUserPoolReplicaType(replica, ctx.accountId) };
});
