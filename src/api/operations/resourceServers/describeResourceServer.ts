import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireResourceServer, toResourceServerType } from "../../../domain/resourceServers/resourceServer.js";

export const describeResourceServer = defineOperation("DescribeResourceServer", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { ResourceServer: toResourceServerType(await requireResourceServer(deps.store, pool.id, input.Identifier)) };
});
