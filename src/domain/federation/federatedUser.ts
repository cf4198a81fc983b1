import { federationFailed } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";

/**
 * Creates the pool's user for this identity, or refreshes the mapped attributes of the one a former sign-in
 * created (Cognito updates them at every federated sign-in), and keeps it in the `<pool id>_<provider>` group.
 */
export async function federatedUser(
  deps: { store: Store; random: Random },
  request: {
    pool: UserPoolRecord;
    provider: IdentityProviderRecord;
    /** The provider's name for the user: the claim mapped to `username` (OIDC, social), the NameID (SAML). */
    subject: string | undefined;
    /** The `issuer` of the identities attribute: the SAML IdP's entity id; null for the others. */
    issuer?: string;
    claims: Record<string, unknown>;
    now: Date;
  },
): Promise<UserRecord> {
  const { pool, provider, subject, claims, now } = request;
  if (subject === undefined || subject === "") throw federationFailed("the provider named no subject");
  const username = `${provider.name}_${subject}`;
  const mapped: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (attribute === "username") continue;
    const value = claimText(claims[claim]);
    if (value !== undefined) mapped[attribute] = value;
  }

  const key = usernameKey(pool, username);
  const existing = await deps.store.users.getByUsernameKey(pool.id, key);
  let user: UserRecord;
  if (existing === undefined) {
    const sub = deps.random.uuid();
    // The attribute's JSON as Cognito writes it (docs/behaviour.md#federated-sign-in).
    const identities = JSON.stringify([
      { userId: subject, providerName: provider.name, providerType: provider.type, issuer: request.issuer ?? null, primary: "true", dateCreated: String(now.getTime()) },
    ]);
    user = {
      poolId: pool.id,
      username,
      usernameKey: key,
      sub,
      status: "EXTERNAL_PROVIDER",
      enabled: true,
      attributes: { sub, ...mapped, identities },
      aliases: {},
      createdAt: now,
      lastModifiedAt: now,
    };
    await deps.store.users.create(user);
  } else {
    if (!existing.enabled) throw federationFailed("User is disabled.");
    user = { ...existing, attributes: { ...existing.attributes, ...mapped }, lastModifiedAt: now };
    await deps.store.users.update(user);
  }
  await joinProviderGroup(deps.store, pool.id, provider.name, user.username, now);
  return user;
}

async function joinProviderGroup(store: Store, poolId: string, providerName: string, username: string, now: Date): Promise<void> {
  const name = `${poolId}_${providerName}`;
  if ((await store.groups.get(poolId, name)) === undefined) {
    try {
      await store.groups.create({ poolId, name, createdAt: now, lastModifiedAt: now });
    } catch (error) {
      if (!(error instanceof StorageConflictError)) throw error;
    }
  }
  await store.groups.addMember(poolId, name, username);
}

/** A claim as an attribute value: strings as they are, numbers and booleans written out, objects as JSON. */
export function claimText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
