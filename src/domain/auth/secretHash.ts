import { createHmac, timingSafeEqual } from "node:crypto";
import type { ClientRecord } from "../clients/types.js";
import { secretHashMismatch, secretHashMissing, secretHashUnexpected } from "../../errors/catalogue.js";

/** Base64(HMAC-SHA256(key = client secret, message = username ‖ client id)): what Cognito calls SECRET_HASH. */
export function secretHashOf(secret: string, username: string, clientId: string): string {
  return createHmac("sha256", secret).update(username + clientId).digest("base64");
}

/**
 * The SECRET_HASH a request must carry when its client has a secret (and must not carry otherwise):
 * undefined for a client without a secret, else the value given.
 */
export function requiredSecretHash(client: ClientRecord, given: string | undefined): string | undefined {
  if (client.secrets.length === 0) {
    if (given === undefined) return undefined;
    throw secretHashUnexpected(client.clientId);
  }
  if (given === undefined) throw secretHashMissing(client.clientId);
  return given;
}

/**
 * Checks a SECRET_HASH against every username it may have been computed over (the name typed, or for a
 * refresh the internal username and the `sub`) and every secret the client has (two while one is being
 * rotated). Every candidate is compared, in constant time.
 */
export function verifySecretHash(client: ClientRecord, given: string, usernames: readonly string[]): void {
  if (client.secrets.length === 0) return;
  const presented = Buffer.from(given, "utf8");
  let matched = false;
  for (const secret of client.secrets) {
    for (const username of usernames) {
      const expected = Buffer.from(secretHashOf(secret.value, username, client.clientId), "utf8");
      if (expected.length === presented.length && timingSafeEqual(expected, presented)) matched = true;
    }
  }
  if (!matched) throw secretHashMismatch(client.clientId);
}

/** Both steps at once, for requests whose username is known before anything is looked up. */
export function checkSecretHash(client: ClientRecord, given: string | undefined, username: string): void {
  const hash = requiredSecretHash(client, given);
  if (hash !== undefined) verifySecretHash(client, hash, [username]);
}
