import { defineOperation } from "../../types.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireThreatProtection, toRiskConfigurationType } from "../../../domain/risk/riskConfiguration.js";

export const describeRiskConfiguration = defineOperation("DescribeRiskConfiguration", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const clientId = input.ClientId === undefined ? undefined : (await requireClient(deps.store, pool.id, input.ClientId)).clientId;
  requireThreatProtection(pool);
  const own = clientId === undefined ? undefined : await deps.store.riskConfigurations.get(pool.id, clientId);
  const applying = own ?? (await deps.store.riskConfigurations.get(pool.id, undefined));
  return { RiskConfiguration: toRiskConfigurationType(pool.id, applying) };
});
