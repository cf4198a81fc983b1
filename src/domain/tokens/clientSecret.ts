import { timingSafeEqual } from "node:crypto";
import type { ClientRecord } from "../clients/types.js";
import {
  clientSecretMismatch,
  clientSecretMissing,
  clientSecretUnexpected,
  type ClientAuthenticationFailure,
} from "../../errors/catalogue.js";

/**
 * Checks the ClientSecret member of RevokeToken and GetTokensFromRefreshToken (which take the secret itself,
 * not a SECRET_HASH): a client with a secret needs it, in constant time; a client without one must not be
 * sent one. A missing or wrong secret fails with `failure`, the exception each operation uses for a client
 * that could not be authenticated.
 */
export function checkClientSecret(client: ClientRecord, given: string | undefined, failure: ClientAuthenticationFailure): void {
  if (client.secret === undefined) {
    if (given === undefined) return;
    throw clientSecretUnexpected(client.clientId);
  }
  if (given === undefined) throw clientSecretMissing(client.clientId, failure);
  const expected = Buffer.from(client.secret, "utf8");
  const presented = Buffer.from(given, "utf8");
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    throw clientSecretMismatch(client.clientId, failure);
  }
}
