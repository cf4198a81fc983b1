import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { replaceResourceServer, resourceServerFrom, toResourceServerType } from "../../../domain/resourceServers/resourceServer.js";

export const updateResourceServer = defineOperation("UpdateResourceServer", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  const server = resourceServerFrom(input);
  await replaceResourceServer(deps.store, server);
  return { ResourceServer: toResourceServerType(server) };
});
