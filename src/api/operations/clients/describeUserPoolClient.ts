import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient, toUserPoolClientType } from "../../../domain/clients/appClient.js";

export const describeUserPoolClient = defineOperation("DescribeUserPoolClient", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  return { UserPoolClient: toUserPoolClientType(client) };
});
