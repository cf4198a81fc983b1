import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { checkScopesExist } from "../../../domain/clients/oauth.js";
import { requireClient, toUserPoolClientType, updatedAppClient } from "../../../domain/clients/appClient.js";
import { identityProviderNames } from "../../../domain/identityProviders/identityProvider.js";
import { clientNotFound } from "../../../errors/catalogue.js";

export const updateUserPoolClient = defineOperation("UpdateUserPoolClient", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const stored = await requireClient(deps.store, pool.id, input.ClientId);
  const client = updatedAppClient(pool, stored, input, ctx.now, await identityProviderNames(deps.store, pool.id));
  await checkScopesExist(deps.store, pool.id, client.config.AllowedOAuthScopes);
  if (!(await deps.store.clients.update(client))) throw clientNotFound(input.ClientId);
  return { UserPoolClient: toUserPoolClientType(client) };
});
