import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { createBranding, toBrandingType } from "../../../domain/branding/managedLogin.js";

export const createManagedLoginBranding = defineOperation("CreateManagedLoginBranding", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  const record = await createBranding(deps.store, input, { poolId: pool.id, clientId: client.clientId, now: ctx.now, random: deps.random });
  return { ManagedLoginBranding: toBrandingType(record) };
});
