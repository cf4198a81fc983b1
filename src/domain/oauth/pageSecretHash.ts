import { secretHashOf } from "../auth/secretHash.js";
import type { ClientRecord } from "../clients/types.js";

/**
 * The SECRET_HASH the managed login pages present for a client with a secret: the pages are the client's own
 * front end, so they prove the client as its app would, and the API's rules check it as for any request.
 * The one place a SECRET_HASH is computed to be sent rather than compared.
 */
export function pageSecretHash(client: ClientRecord, username: string): string | undefined {
  const secret = client.secrets[0];
  return secret === undefined ? undefined : secretHashOf(secret.value, username, client.clientId);
}
