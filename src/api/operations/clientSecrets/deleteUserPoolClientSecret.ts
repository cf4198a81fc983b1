import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClientForUpdate } from "../../../domain/clients/appClient.js";
import { withoutSecret } from "../../../domain/clientSecrets/clientSecrets.js";

export const deleteUserPoolClientSecret = defineOperation("DeleteUserPoolClientSecret", async (input, deps, ctx) => {
  await deps.store.transaction(async (tx) => {
    const pool = await requirePool(tx, input.UserPoolId, ctx.region);
    const client = await requireClientForUpdate(tx, pool.id, input.ClientId);
    await tx.clients.setSecrets(pool.id, client.clientId, withoutSecret(client, input.ClientSecretId));
  });
  return {};
});
