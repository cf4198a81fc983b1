import { defineOperation } from "../../types.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireThreatProtection, riskSettings, toRiskConfigurationType } from "../../../domain/risk/riskConfiguration.js";

export const setRiskConfiguration = defineOperation("SetRiskConfiguration", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const clientId = input.ClientId === undefined ? undefined : (await requireClient(deps.store, pool.id, input.ClientId)).clientId;
  requireThreatProtection(pool);
  const settings = riskSettings(input);
  // A request with no settings resets them: the pool's to the defaults, a client's to the pool's.
  if (settings === undefined) {
    await deps.store.riskConfigurations.delete(pool.id, clientId);
    const applying = clientId === undefined ? undefined : await deps.store.riskConfigurations.get(pool.id, undefined);
    return { RiskConfiguration: toRiskConfigurationType(pool.id, applying) };
  }
  const record = { poolId: pool.id, ...(clientId === undefined ? {} : { clientId }), settings, lastModifiedAt: ctx.now };
  await deps.store.riskConfigurations.put(record);
  return { RiskConfiguration: toRiskConfigurationType(pool.id, record) };
});
