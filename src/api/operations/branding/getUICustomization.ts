import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { ALL_CLIENTS, effectiveUiCustomization, toUiCustomizationType } from "../../../domain/branding/uiCustomization.js";

/** A client's own customization, else the pool's (`ALL`), else the bare pool and client ids. */
export const getUICustomization = defineOperation("GetUICustomization", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const clientId = input.ClientId === undefined || input.ClientId === ALL_CLIENTS ? ALL_CLIENTS : (await requireClient(deps.store, pool.id, input.ClientId)).clientId;
  const record = await effectiveUiCustomization(deps.store, pool.id, clientId);
  return { UICustomization: toUiCustomizationType(record, { poolId: pool.id, clientId }, deps.publicUrl()) };
});
