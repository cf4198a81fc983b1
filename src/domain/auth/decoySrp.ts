import { createHash, createHmac } from "node:crypto";
import type { UserPoolRecord } from "../pools/types.js";
import { activeSigningKey } from "../tokens/signingKeys.js";
import { usernameKey } from "../users/aliases.js";
import type { Store } from "../ports/store.js";

/** As long as a real SRP salt. */
const SALT_BYTES = 16;

/**
 * The SALT and USER_ID_FOR_SRP that USER_SRP_AUTH shows for a name no user holds when the client hides user
 * existence. Cognito documents that the same name in the same pool always gets the same salt and a user id
 * in UUID form; both are HMAC-SHA256 of the pool id and the name's lookup form (so "Bob" and "bob" agree in a
 * case-insensitive pool), keyed so that nobody without the server's data can predict or tell them from real
 * ones: the key is a hash of the pool's active ID-token signing key, a per-pool secret every instance shares.
 * A key rotation therefore changes them, while a real user's salt lasts until their password changes: an
 * observer comparing answers across a rotation could tell the two apart. Accepted; rotations are rare.
 */
export async function decoySrpIdentity(
  deps: { store: Store },
  pool: UserPoolRecord,
  username: string,
  now: Date,
): Promise<{ salt: string; userId: string }> {
  const signingKey = await activeSigningKey(deps, pool.id, "id", now);
  const key = createHash("sha256").update("cognate decoy SRP identity\0").update(signingKey.privateKeyPem).digest();
  const derive = (purpose: string) =>
    createHmac("sha256", key).update(`${purpose}\0${pool.id}\0${usernameKey(pool, username)}`, "utf8").digest();
  return { salt: derive("salt").subarray(0, SALT_BYTES).toString("hex"), userId: uuidFrom(derive("user id")) };
}

/** Sixteen bytes laid out as a version-4 UUID, the form Cognito gives its internal user ids. */
function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
