import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { checkLogConfigurations, toLogDeliveryConfiguration } from "../../../domain/logDelivery/logDelivery.js";

export const setLogDeliveryConfiguration = defineOperation("SetLogDeliveryConfiguration", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  checkLogConfigurations(pool, input.LogConfigurations);
  await deps.store.logDelivery.put(pool.id, input.LogConfigurations);
  return { LogDeliveryConfiguration: toLogDeliveryConfiguration(pool.id, input.LogConfigurations) };
});
