import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { ALL_CLIENTS, newUiCustomization, toUiCustomizationType } from "../../../domain/branding/uiCustomization.js";

export const setUICustomization = defineOperation("SetUICustomization", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const clientId = input.ClientId === undefined || input.ClientId === ALL_CLIENTS ? ALL_CLIENTS : (await requireClient(deps.store, pool.id, input.ClientId)).clientId;
  const existing = await deps.store.branding.getUiCustomization(pool.id, clientId);
  // Blobs arrive as the request's Base64 text; the validator has checked it is Base64.
  const record = newUiCustomization(
    { css: input.CSS, imageBase64: input.ImageFile as unknown as string | undefined },
    { poolId: pool.id, clientId, now: ctx.now, existing },
  );
  await deps.store.branding.putUiCustomization(record);
  return { UICustomization: toUiCustomizationType(record, { poolId: pool.id, clientId }, deps.publicUrl()) };
});
