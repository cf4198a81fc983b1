import { federationFailed } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { ClientRecord } from "../clients/types.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";
import { postConfirmation, preSignUp } from "../triggers/userTriggers.js";
import type { TriggerDeps } from "../triggers/run.js";
import type { Random } from "../random.js";
import { usernameKey } from "../users/aliases.js";
import type { UserRecord } from "../users/types.js";

/** The attribute name AdminLinkProviderForUser uses for the provider's own subject. */
export const COGNITO_SUBJECT = "Cognito_Subject";

/** What signing a federated identity into the pool needs. */
export interface FederatedUserDeps extends TriggerDeps {
  store: Store;
  random: Random;
}

/** One entry of the `identities` attribute, as Cognito writes it (docs/behaviour.md#federated-sign-in). */
export function identityEntry(provider: Pick<IdentityProviderRecord, "name" | "type">, subject: string, primary: boolean, now: Date, issuer: string | null = null) {
  return { userId: subject, providerName: provider.name, providerType: provider.type, issuer, primary: String(primary), dateCreated: String(now.getTime()) };
}

/**
 * The pool's user an identity signs in as, for every provider type (OIDC, social, SAML): the user a link
 * names (AdminLinkProviderForUser, docs/behaviour.md#linking-federated-users), or the user
 * `<provider>_<subject>` a former sign-in created, its mapped attributes refreshed (Cognito updates them at
 * every federated sign-in), or a new EXTERNAL_PROVIDER user after the PreSignUp (`PreSignUp_ExternalProvider`)
 * and before the PostConfirmation (`PostConfirmation_ConfirmSignUp`) triggers. The user joins the
 * `<pool id>_<provider>` group. `claims` are the provider's claims (or SAML attributes) by name.
 */
export async function federatedUser(
  deps: FederatedUserDeps,
  request: {
    pool: UserPoolRecord;
    client: ClientRecord;
    provider: IdentityProviderRecord;
    /** The provider's name for the user: the claim mapped to `username` (OIDC, social), the NameID (SAML). */
    subject: string | undefined;
    /** The `issuer` of the identities attribute: the SAML IdP's entity id; null for the others. */
    issuer?: string;
    claims: Record<string, unknown>;
    now: Date;
  },
): Promise<UserRecord> {
  const { pool, client, provider, subject, claims, now } = request;
  if (subject === undefined || subject === "") throw federationFailed("the provider named no subject");
  const username = `${provider.name}_${subject}`;
  const mapped: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(provider.attributeMapping)) {
    if (attribute === "username") continue;
    const value = claimText(claims[claim]);
    if (value !== undefined) mapped[attribute] = value;
  }

  const linked = await linkedUser(deps.store, pool.id, provider, subject, claims);
  if (linked !== undefined) return signedInLinkedUser(deps.store, { pool, provider, user: linked, now });

  const key = usernameKey(pool, username);
  const existing = await deps.store.users.getByUsernameKey(pool.id, key);
  let user: UserRecord;
  if (existing === undefined) {
    const identities = JSON.stringify([identityEntry(provider, subject, true, now, request.issuer ?? null)]);
    await preSignUp(deps, pool, {
      source: "ExternalProvider",
      username,
      clientId: client.clientId,
      attributes: { ...mapped, identities },
      validationData: undefined,
      clientMetadata: undefined,
    });
    // The pre sign-up function may have linked the identity to an existing user (AdminLinkProviderForUser): sign in as that one.
    const linkedMeanwhile = await linkedUser(deps.store, pool.id, provider, subject, claims);
    if (linkedMeanwhile !== undefined) return signedInLinkedUser(deps.store, { pool, provider, user: linkedMeanwhile, now });
    const sub = deps.random.uuid();
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
    await joinProviderGroup(deps.store, pool.id, provider.name, user.username, now);
    await postConfirmation(deps, pool, { source: "ConfirmSignUp", user, clientId: client.clientId, clientMetadata: undefined });
    return user;
  }
  if (!existing.enabled) throw federationFailed("User is disabled.");
  user = { ...existing, attributes: { ...existing.attributes, ...mapped }, lastModifiedAt: now };
  await deps.store.users.update(user);
  await joinProviderGroup(deps.store, pool.id, provider.name, user.username, now);
  return user;
}

/**
 * The user a link sends this identity to: linked by its subject (`Cognito_Subject`), or, for OIDC and SAML,
 * by one of its claims (AdminLinkProviderForUser may name any attribute of those providers).
 */
async function linkedUser(store: Store, poolId: string, provider: IdentityProviderRecord, subject: string, claims: Record<string, unknown>): Promise<UserRecord | undefined> {
  let link = await store.federatedLinks.find(poolId, provider.name, COGNITO_SUBJECT, subject);
  const byClaims = provider.type === "OIDC" || provider.type === "SAML";
  for (const [name, value] of byClaims ? Object.entries(claims) : []) {
    if (link !== undefined) break;
    if (typeof value === "string") link = await store.federatedLinks.find(poolId, provider.name, name, value);
  }
  return link === undefined ? undefined : store.users.getBySub(poolId, link.userSub);
}

/** A linked user keeps its own profile (docs/behaviour.md#linking-federated-users); it must be enabled and joins the provider's group. */
async function signedInLinkedUser(store: Store, request: { pool: UserPoolRecord; provider: IdentityProviderRecord; user: UserRecord; now: Date }): Promise<UserRecord> {
  const { pool, provider, user, now } = request;
  if (!user.enabled) throw federationFailed("User is disabled.");
  await joinProviderGroup(store, pool.id, provider.name, user.username, now);
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
