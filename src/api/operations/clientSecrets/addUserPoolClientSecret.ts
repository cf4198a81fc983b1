import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClientForUpdate } from "../../../domain/clients/appClient.js";
import { toSecretDescriptor, withAddedSecret } from "../../../domain/clientSecrets/clientSecrets.js";

export const addUserPoolClientSecret = defineOperation("AddUserPoolClientSecret", async (input, deps, ctx) => {
  return deps.store.transaction(async (tx) => {
    const pool = await requirePool(tx, input.UserPoolId, ctx.region);
    const client = await requireClientForUpdate(tx, pool.id, input.ClientId);
    const { secrets, added } = withAddedSecret(client, input.ClientSecret, { random: deps.random, now: ctx.now });
    await tx.clients.setSecrets(pool.id, client.clientId, secrets);
    // The value is returned only when Cognito generated it: the caller already knows a secret it chose.
    const generated = input.ClientSecret === undefined ? { ClientSecretValue: added.value } : {};
    return { ClientSecretDescriptor: { ...toSecretDescriptor(client, added), ...generated } };
  });
});
