import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { managedLoginBrandingNotFound } from "../../../errors/catalogue.js";

export const deleteManagedLoginBranding = defineOperation("DeleteManagedLoginBranding", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (!(await deps.store.branding.deleteManagedLogin(pool.id, input.ManagedLoginBrandingId))) throw managedLoginBrandingNotFound();
  return {};
});
