import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { toSecretDescriptor } from "../../../domain/clientSecrets/clientSecrets.js";

/** A client has at most two secrets, so the answer is never paged (as the API reference says). */
export const listUserPoolClientSecrets = defineOperation("ListUserPoolClientSecrets", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  return { ClientSecrets: client.secrets.map((secret) => toSecretDescriptor(client, secret)) };
});
