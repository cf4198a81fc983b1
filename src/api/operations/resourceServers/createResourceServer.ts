import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { resourceServerFrom, storeNewResourceServer, toResourceServerType } from "../../../domain/resourceServers/resourceServer.js";

export const createResourceServer = defineOperation("CreateResourceServer", async (input, deps, ctx) => {
  await requirePool(deps.store, input.UserPoolId, ctx.region);
  const server = resourceServerFrom(input);
  await storeNewResourceServer(deps.store, server);
  return { ResourceServer: toResourceServerType(server) };
});
