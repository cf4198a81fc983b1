import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireBranding, toBrandingType, updateBranding } from "../../../domain/branding/managedLogin.js";
import { managedLoginBrandingUnnamed } from "../../../errors/catalogue.js";

export const updateManagedLoginBranding = defineOperation("UpdateManagedLoginBranding", async (input, deps, ctx) => {
  if (input.UserPoolId === undefined || input.ManagedLoginBrandingId === undefined) throw managedLoginBrandingUnnamed();
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const existing = await requireBranding(deps.store, pool.id, input.ManagedLoginBrandingId);
  return { ManagedLoginBranding: toBrandingType(await updateBranding(deps.store, existing, input, ctx.now)) };
});
