import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { toBrandingType } from "../../../domain/branding/managedLogin.js";
import { managedLoginBrandingNotFound } from "../../../errors/catalogue.js";

export const describeManagedLoginBrandingByClient = defineOperation("DescribeManagedLoginBrandingByClient", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  const record = await deps.store.branding.getManagedLoginForClient(pool.id, client.clientId);
  if (record === undefined) throw managedLoginBrandingNotFound();
  return { ManagedLoginBranding: toBrandingType(record) };
});
