import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { toLogDeliveryConfiguration } from "../../../domain/logDelivery/logDelivery.js";

export const getLogDeliveryConfiguration = defineOperation("GetLogDeliveryConfiguration", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { LogDeliveryConfiguration: toLogDeliveryConfiguration(pool.id, await deps.store.logDelivery.get(pool.id)) };
});
