import type { IdentityProviderTypeType, ProviderUserIdentifierType } from "@aws-sdk/client-cognito-identity-provider";
import { linkLimitExceeded, linkProviderInvalid, linkSourceLinked, linkSourceSignedUp, userNotFound } from "../../errors/catalogue.js";
import { requireIdentityProvider } from "../identityProviders/identityProvider.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";
import { usernameKey } from "../users/aliases.js";
import { requireUser } from "../users/resolve.js";
import type { UserRecord } from "../users/types.js";
import { COGNITO_SUBJECT, identityEntry } from "./federatedUser.js";

/** The ProviderName naming the pool's own users. */
const COGNITO = "Cognito";

/** Cognito allows five linked identities per user (AdminLinkProviderForUser's reference). */
const MAX_LINKS_PER_USER = 5;

const SOCIAL_TYPES = new Set<IdentityProviderTypeType>(["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

/** A federated identity as both operations name it: its provider, and an attribute's name and value there. */
interface NamedIdentity {
  provider: IdentityProviderRecord;
  attributeName: string;
  attributeValue: string;
}

/**
 * AdminLinkProviderForUser (docs/behaviour.md#linking-federated-users): the source identity, which must not
 * have signed in yet (its `<provider>_<subject>` user must not exist) nor be linked already, will sign in as
 * the destination user, whose `identities` attribute gains it.
 */
export async function linkProviderForUser(
  store: Store,
  pool: UserPoolRecord,
  request: { destination: ProviderUserIdentifierType; source: ProviderUserIdentifierType; now: Date },
): Promise<void> {
  const destination = await destinationUser(store, pool, request.destination);
  const source = await namedIdentity(store, pool, "SourceUser", request.source);
  if (source.attributeName === COGNITO_SUBJECT) {
    const signedUp = await store.users.getByUsernameKey(pool.id, usernameKey(pool, `${source.provider.name}_${source.attributeValue}`));
    if (signedUp !== undefined) throw linkSourceSignedUp();
  }
  if ((await store.federatedLinks.find(pool.id, source.provider.name, source.attributeName, source.attributeValue)) !== undefined) throw linkSourceLinked();
  if ((await store.federatedLinks.listForUser(pool.id, destination.sub)).length >= MAX_LINKS_PER_USER) throw linkLimitExceeded();
  const identities = [...identitiesOf(destination), identityEntry(source.provider, source.attributeValue, false, request.now)];
  try {
    await store.transaction(async (tx) => {
      await tx.federatedLinks.create({
        poolId: pool.id,
        providerName: source.provider.name,
        attributeName: source.attributeName,
        attributeValue: source.attributeValue,
        userSub: destination.sub,
        createdAt: request.now,
      });
      const updated = { ...destination, attributes: { ...destination.attributes, identities: JSON.stringify(identities) }, lastModifiedAt: request.now };
      if (!(await tx.users.update(updated))) throw userNotFound();
    });
  } catch (error) {
    throw error instanceof StorageConflictError ? linkSourceLinked() : error;
  }
}

/**
 * AdminDisableProviderForUser (docs/behaviour.md#linking-federated-users): a linked identity's link is removed
 * (and its entry in the user's `identities`), so its next sign-in makes a user of its own; an identity that
 * signed in without a link has its `<provider>_<subject>` user disabled.
 */
export async function disableProviderForUser(store: Store, pool: UserPoolRecord, request: { user: ProviderUserIdentifierType; now: Date }): Promise<void> {
  const identity = await namedIdentity(store, pool, "User", request.user);
  const { provider, attributeName, attributeValue } = identity;
  await store.transaction(async (tx) => {
    const link = await tx.federatedLinks.delete(pool.id, provider.name, attributeName, attributeValue);
    if (link !== undefined) {
      const user = await tx.users.getBySub(pool.id, link.userSub);
      if (user === undefined) return;
      const remaining = identitiesOf(user).filter((entry) => !(entry.providerName === provider.name && entry.userId === attributeValue));
      const { identities: _removed, ...others } = user.attributes;
      const attributes = remaining.length === 0 ? others : { ...others, identities: JSON.stringify(remaining) };
      await tx.users.update({ ...user, attributes, lastModifiedAt: request.now });
      return;
    }
    const federated = attributeName === COGNITO_SUBJECT ? await tx.users.getByUsernameKey(pool.id, usernameKey(pool, `${provider.name}_${attributeValue}`)) : undefined;
    if (federated === undefined) throw userNotFound();
    await tx.users.update({ ...federated, enabled: false, lastModifiedAt: request.now });
  });
}

/** The destination: a user of the pool (`Cognito`, by username, alias or sub) or a provider's user by its subject. */
async function destinationUser(store: Store, pool: UserPoolRecord, named: ProviderUserIdentifierType): Promise<UserRecord> {
  const value = named.ProviderAttributeValue;
  if (named.ProviderName === undefined || value === undefined) throw linkProviderInvalid("DestinationUser", "ProviderName and ProviderAttributeValue are required.");
  if (named.ProviderName === COGNITO) return requireUser(store, pool, value);
  const provider = await requireIdentityProvider(store, pool.id, named.ProviderName);
  const user = await store.users.getByUsernameKey(pool.id, usernameKey(pool, `${provider.name}_${value}`));
  if (user === undefined) throw userNotFound();
  return user;
}

/** A provider's identity: the provider must exist; social providers name it by `Cognito_Subject` only. */
async function namedIdentity(store: Store, pool: UserPoolRecord, member: "SourceUser" | "User", named: ProviderUserIdentifierType): Promise<NamedIdentity> {
  const { ProviderName: providerName, ProviderAttributeName: attributeName, ProviderAttributeValue: attributeValue } = named;
  if (providerName === undefined || attributeName === undefined || attributeValue === undefined) {
    throw linkProviderInvalid(member, "ProviderName, ProviderAttributeName and ProviderAttributeValue are required.");
  }
  if (providerName === COGNITO) throw linkProviderInvalid(member, "ProviderName must name an identity provider of the user pool, not Cognito.");
  const provider = await requireIdentityProvider(store, pool.id, providerName);
  if (SOCIAL_TYPES.has(provider.type) && attributeName !== COGNITO_SUBJECT) {
    throw linkProviderInvalid(member, `ProviderAttributeName must be ${COGNITO_SUBJECT} for a ${provider.type} provider.`);
  }
  return { provider, attributeName, attributeValue };
}

interface IdentityEntry {
  userId?: unknown;
  providerName?: unknown;
}

function identitiesOf(user: UserRecord): IdentityEntry[] {
  try {
    const parsed: unknown = JSON.parse(user.attributes.identities ?? "[]");
    return Array.isArray(parsed) ? (parsed as IdentityEntry[]) : [];
  } catch {
    return [];
  }
}
