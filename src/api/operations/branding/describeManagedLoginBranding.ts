import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireBranding, toBrandingType } from "../../../domain/branding/managedLogin.js";

/** ReturnMergedResources changes nothing: Cognate keeps no default style to merge (docs/behaviour.md, "Branding"). */
export const describeManagedLoginBranding = defineOperation("DescribeManagedLoginBranding", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { ManagedLoginBranding: toBrandingType(await requireBranding(deps.store, pool.id, input.ManagedLoginBrandingId)) };
});
