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
 * not a SECRET_HASH): a client with a secret needs one of its secrets (two while one is being rotated),
 * compared in constant time; a client without one must not be sent one. A missing or wrong secret fails
 * with `failure`, the exception each operation uses for a client that could not be authenticated.
 */
export function checkClientSecret(client: ClientRecord, given: string | undefined, failure: ClientAuthenticationFailure): void {
  if (client.secrets.length === 0) {
    if (given === undefined) return;
    throw clientSecretUnexpected(client.clientId);
  }
  if (given === undefined) throw clientSecretMissing(client.clientId, failure);
  const presented = Buffer.from(given, "utf8");
  let matched = false;
  for (const secret of client.secrets) {
    const expected = Buffer.from(secret.value, "utf8");
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) matched = true;
  }
  if (!matched) throw clientSecretMismatch(client.clientId, failure);
}
