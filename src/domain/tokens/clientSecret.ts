import { timingSafeEqual } from "node:crypto";
import type { ClientRecord } from "../clients/index.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { ModelledErrorName } from "../../model/errors.gen.js";

/**
 * Checks the ClientSecret member of RevokeToken and GetTokensFromRefreshToken (which take the secret itself,
 * not a SECRET_HASH): a client with a secret needs it, in constant time; a client without one must not be
 * sent one. A missing or wrong secret fails with `failure`, the exception each operation uses for a client
 * that could not be authenticated.
 */
export function checkClientSecret(client: ClientRecord, given: string | undefined, failure: ModelledErrorName): void {
  if (client.secret === undefined) {
    if (given === undefined) return;
    throw new CognitoError("InvalidParameterException", `Client ${client.clientId} is not configured for secret but secret was received`);
  }
  if (given === undefined) {
    throw new CognitoError(failure, `Client ${client.clientId} is configured for secret but secret was not received`);
  }
  const expected = Buffer.from(client.secret, "utf8");
  const presented = Buffer.from(given, "utf8");
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    throw new CognitoError(failure, `Unable to verify secret for client ${client.clientId}`);
  }
}
