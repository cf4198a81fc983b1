import { assignedClientIdTaken } from "../../../errors/catalogue.js";
import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { checkScopesExist } from "../../../domain/clients/oauth.js";
import { newAppClient, newClientId, toUserPoolClientType } from "../../../domain/clients/appClient.js";
import { identityProviderNames } from "../../../domain/identityProviders/identityProvider.js";

export const createUserPoolClient = defineOperation("CreateUserPoolClient", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (ctx.assignedClientId !== undefined && (await deps.store.clients.findById(ctx.assignedClientId)) !== undefined) {
    throw assignedClientIdTaken(ctx.assignedClientId);
  }
  const client = newAppClient(pool, input, {
    clientId: ctx.assignedClientId ?? newClientId(deps.random),
    random: deps.random,
    now: ctx.now,
    identityProviders: await identityProviderNames(deps.store, pool.id),
  });
  await checkScopesExist(deps.store, pool.id, client.config.AllowedOAuthScopes);
  await deps.store.clients.create(client);
  return { UserPoolClient: toUserPoolClientType(client) };
});
