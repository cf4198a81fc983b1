import type { Store } from "../ports/store.js";
import { newSigningKey, type PublicJwk, type KeyUse, type SigningKeyRecord, type TokenUse } from "./keys.js";

/** The longest an ID or access token lives: a client may set up to one day. */
export const LONGEST_TOKEN_LIFETIME_MS = 86_400_000;

/** A retired key stays published this long, so every token it signed still verifies until it expires. */
const RETIRED_KEY_PUBLISHED_MS = LONGEST_TOKEN_LIFETIME_MS;

/**
 * The pool's active key for tokens of this use, created on first need. Two instances racing to create it
 * both end up signing with the one key the store kept.
 */
export async function activeSigningKey(deps: { store: Store }, poolId: string, use: KeyUse, now: Date): Promise<SigningKeyRecord> {
  const existing = activeOf(await deps.store.keys.list(poolId), use);
  if (existing !== undefined) return existing;
  // Concurrent first sign-ins on this instance wait for one RSA key generation instead of each making one.
  const pending = `${poolId}:${use}`;
  let creating = keysBeingCreated.get(pending);
  if (creating === undefined) {
    creating = createSigningKey(deps, poolId, use, now).finally(() => keysBeingCreated.delete(pending));
    keysBeingCreated.set(pending, creating);
  }
  return creating;
}

const keysBeingCreated = new Map<string, Promise<SigningKeyRecord>>();

async function createSigningKey(deps: { store: Store }, poolId: string, use: KeyUse, now: Date): Promise<SigningKeyRecord> {
  const created = await newSigningKey(poolId, use, now);
  if (await deps.store.keys.addIfNoActive(created)) return created;
  // Another instance added one first. Should it already be retired again (a rotation in between), start over.
  return activeOf(await deps.store.keys.list(poolId), use) ?? createSigningKey(deps, poolId, use, now);
}

/**
 * The keys a pool's JWKS publishes: the active key of each use (created if the pool has none yet, so the set
 * is complete before the first token) and retired keys whose tokens may not have expired yet.
 */
export async function publishedKeys(deps: { store: Store }, poolId: string, now: Date): Promise<PublicJwk[]> {
  await Promise.all([activeSigningKey(deps, poolId, "id", now), activeSigningKey(deps, poolId, "access", now)]);
  // The SAML signing key is published as a certificate (GetSigningCertificate), never in the JWKS.
  const keys = (await deps.store.keys.list(poolId)).filter((key) => key.use !== "saml");
  const oldestPublished = now.getTime() - RETIRED_KEY_PUBLISHED_MS;
  return keys.filter((key) => key.retiredAt === undefined || key.retiredAt.getTime() > oldestPublished).map((key) => key.publicJwk);
}

/** Key rotation: the pool's active keys are retired, so the next token is signed with new ones. */
export async function retireSigningKeys(store: Store, poolId: string, now: Date): Promise<void> {
  for (const use of TOKEN_USES) await store.keys.retire(poolId, use, now);
}

const TOKEN_USES: readonly TokenUse[] = ["id", "access"];

function activeOf(keys: SigningKeyRecord[], use: KeyUse): SigningKeyRecord | undefined {
  return keys.find((key) => key.use === use && key.retiredAt === undefined);
}
