import { unsignedClient, type ClientInPool } from "../auth/deps.js";
import { verifySecretHash } from "../auth/secretHash.js";
import type { ClientRecord } from "../clients/index.js";
import { CognitoError } from "../../errors/cognitoError.js";
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
  if (client.secret === undefined) {
    if (given === undefined) return;
    throw new CognitoError(
      "InvalidParameterException",
      `Client ${client.clientId} is not configured for secret but secret hash was received`,
    );
  }
  if (given === undefined) {
    throw new CognitoError("NotAuthorizedException", `Client ${client.clientId} is configured for secret but secret was not received`);
  }
  verifySecretHash(client, given, [username]);
}

/** What the self-service operations answer for an unknown user when the client does not hide it. */
export function unknownUserForClient(): CognitoError {
  return new CognitoError("UserNotFoundException", "Username/client id combination not found.");
}

export function userDisabled(): CognitoError {
  return new CognitoError("NotAuthorizedException", "User is disabled.");
}
