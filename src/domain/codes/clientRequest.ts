import { unsignedClient } from "../clients/appClient.js";
import type { ClientInPool } from "../clients/types.js";
import { verifySecretHash } from "../auth/secretHash.js";
import type { ClientRecord } from "../clients/types.js";
import { clientSecretMissing, secretHashUnexpected } from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";

/**
 * The app client and pool of an unsigned self-service request (SignUp, ConfirmSignUp, ResendConfirmationCode,
 * ForgotPassword, ConfirmForgotPassword): the client id alone says where the user lives. A client with a
 * secret needs the request's SecretHash, computed over the Username the request sends.
 */
export async function clientRequest(
  store: Store,
  request: { ClientId: string; SecretHash?: string; Username: string },
): Promise<ClientInPool> {
  const found = await unsignedClient(store, request.ClientId);
  checkRequestSecretHash(found.client, request.SecretHash, request.Username);
  return found;
}

/**
 * The SecretHash member of these operations. Missing on a client with a secret, Cognito words it unlike the
 * sign-in parameter SECRET_HASH; a hash sent to a client without a secret is refused as sign-in refuses it.
 */
function checkRequestSecretHash(client: ClientRecord, given: string | undefined, username: string): void {
  if (client.secrets.length === 0) {
    if (given === undefined) return;
    throw secretHashUnexpected(client.clientId);
  }
  if (given === undefined) throw clientSecretMissing(client.clientId, "NotAuthorizedException");
  verifySecretHash(client, given, [username]);
}
