import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { removeResourceServer } from "../../../domain/resourceServers/resourceServer.js";

export const deleteResourceServer = defineOperation("DeleteResourceServer", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await removeResourceServer(deps.store, pool.id, input.Identifier);
  return {};
});
