import type { IdentityProviderType, IdentityProviderTypeType, ProviderDescription } from "@aws-sdk/client-cognito-identity-provider";
import {
  identityProviderExists,
  identityProviderMissing,
  idpIdentifierMissing,
  idpIdentifierTaken,
  mappedAttributeUnknown,
  oidcDiscoveryFailed,
  providerDetailInvalid,
  providerDetailMissing,
  providerNameNotType,
  providerNameReserved,
  samlMetadataSourceCount,
  samlMetadataUnreadable,
} from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import { schemaAttribute } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { samlIdpEndpoints } from "./samlMetadata.js";
import { readText, type IdentityProviderRecord, type ProviderHttp } from "./types.js";

const SOCIAL_TYPES = new Set<IdentityProviderTypeType>(["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]);

/** The keys a request may give per type (docs/behaviour.md#identity-providers); others are dropped. */
const ENDPOINT_KEYS = ["authorize_url", "token_url", "attributes_url", "jwks_uri", "oidc_issuer", "token_request_method", "attributes_url_add_attributes"];
const ACCEPTED_KEYS: Record<IdentityProviderTypeType, readonly string[]> = {
  OIDC: ["client_id", "client_secret", "authorize_scopes", "attributes_request_method", ...ENDPOINT_KEYS],
  Google: ["client_id", "client_secret", "authorize_scopes", ...ENDPOINT_KEYS],
  Facebook: ["client_id", "client_secret", "authorize_scopes", "api_version", ...ENDPOINT_KEYS],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes", ...ENDPOINT_KEYS],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes", ...ENDPOINT_KEYS],
  SAML: ["MetadataFile", "MetadataURL", "IDPSignout", "IDPInit", "EncryptedResponses", "RequestSigningAlgorithm"],
};

const REQUIRED_KEYS: Record<IdentityProviderTypeType, readonly string[]> = {
  OIDC: ["client_id", "client_secret", "authorize_scopes", "attributes_request_method", "oidc_issuer"],
  Google: ["client_id", "client_secret", "authorize_scopes"],
  Facebook: ["client_id", "client_secret", "authorize_scopes"],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes"],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
  SAML: [],
};

/** Details a describe never returns: Apple's signing key (Cognito's describe example leaves it out). */
const WITHHELD_KEYS = new Set(["private_key"]);

/** The OIDC endpoints Cognito discovers from `<oidc_issuer>/.well-known/openid-configuration` when not given. */
const DISCOVERED_ENDPOINTS = { authorize_url: "authorization_endpoint", token_url: "token_endpoint", attributes_url: "userinfo_endpoint", jwks_uri: "jwks_uri" } as const;

/** SAML details Cognate derives from the metadata rather than takes from the request. */
const SAML_DERIVED_KEYS = ["SSORedirectBindingURI", "SLORedirectBindingURI"];

/** The endpoints Cognito fills in for a social provider, from the describe examples of CreateIdentityProvider's reference. */
export function socialDefaults(type: IdentityProviderTypeType, given: Record<string, string>): Record<string, string> {
  switch (type) {
    case "Google":
      return {
        attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
        attributes_url_add_attributes: "true",
        authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
        oidc_issuer: "https://accounts.google.com",
        token_request_method: "POST",
        token_url: "https://www.googleapis.com/oauth2/v4/token",
      };
    case "Facebook": {
      const version = given.api_version ?? "v17.0";
      return {
        api_version: version,
        attributes_url: `https://graph.facebook.com/${version}/me?fields=`,
        attributes_url_add_attributes: "true",
        authorize_url: `https://www.facebook.com/${version}/dialog/oauth`,
        token_request_method: "GET",
        token_url: `https://graph.facebook.com/${version}/oauth/access_token`,
      };
    }
    case "LoginWithAmazon":
      return {
        attributes_url: "https://api.amazon.com/user/profile",
        attributes_url_add_attributes: "false",
        authorize_url: "https://www.amazon.com/ap/oa",
        token_request_method: "POST",
        token_url: "https://api.amazon.com/auth/o2/token",
      };
    case "SignInWithApple":
      return {
        attributes_url_add_attributes: "false",
        authorize_url: "https://appleid.apple.com/auth/authorize",
        oidc_issuer: "https://appleid.apple.com",
        token_request_method: "POST",
        token_url: "https://appleid.apple.com/auth/token",
      };
    default:
      return {};
  }
}

/** The claim Cognito maps to `username` when the request maps none: the provider's subject. */
const USERNAME_CLAIM: Partial<Record<IdentityProviderTypeType, string>> = {
  OIDC: "sub",
  Google: "sub",
  SignInWithApple: "sub",
  Facebook: "id",
  LoginWithAmazon: "user_id",
};

interface ProviderInput {
  ProviderDetails?: Record<string, string> | undefined;
  AttributeMapping?: Record<string, string> | undefined;
  IdpIdentifiers?: string[] | undefined;
}

/** What creating or updating needs besides the request: the pool, its other providers and the metadata reader. */
export interface ProviderContext {
  pool: UserPoolRecord;
  reader: ProviderHttp;
  now: Date;
}

/** The provider CreateIdentityProvider describes, its details checked and completed as Cognito completes them. */
export async function newIdentityProvider(
  context: ProviderContext,
  input: ProviderInput & { ProviderName: string; ProviderType: IdentityProviderTypeType },
): Promise<IdentityProviderRecord> {
  checkProviderName(input.ProviderName, input.ProviderType);
  return {
    poolId: context.pool.id,
    name: input.ProviderName,
    type: input.ProviderType,
    details: await completedDetails(context.reader, input.ProviderType, acceptedDetails(input.ProviderType, input.ProviderDetails ?? {})),
    attributeMapping: attributeMapping(context.pool, input.ProviderType, input.AttributeMapping ?? {}),
    idpIdentifiers: [...new Set(input.IdpIdentifiers ?? [])],
    createdAt: context.now,
    lastModifiedAt: context.now,
  };
}

/**
 * The provider after UpdateIdentityProvider: the details given are laid over the stored ones (so a secret
 * needs not be sent again), endpoints are rediscovered when the issuer changes; a mapping or identifier list
 * given replaces the old one, one left out stays.
 */
export async function updatedIdentityProvider(
  context: ProviderContext,
  provider: IdentityProviderRecord,
  input: ProviderInput,
): Promise<IdentityProviderRecord> {
  let details = provider.details;
  if (input.ProviderDetails !== undefined) {
    const given = acceptedDetails(provider.type, input.ProviderDetails);
    const kept = { ...provider.details };
    if (provider.type === "OIDC" && given.oidc_issuer !== undefined && given.oidc_issuer !== kept.oidc_issuer) {
      for (const key of Object.keys(DISCOVERED_ENDPOINTS)) delete kept[key];
    }
    if (provider.type === "SAML" && (given.MetadataFile !== undefined || given.MetadataURL !== undefined)) {
      for (const key of ["MetadataFile", "MetadataURL", ...SAML_DERIVED_KEYS]) delete kept[key];
    }
    if (SOCIAL_TYPES.has(provider.type) && given.api_version !== undefined) {
      for (const key of Object.keys(socialDefaults(provider.type, {}))) delete kept[key];
    }
    details = await completedDetails(context.reader, provider.type, { ...kept, ...given });
  }
  return {
    ...provider,
    details,
    attributeMapping: input.AttributeMapping === undefined ? provider.attributeMapping : attributeMapping(context.pool, provider.type, input.AttributeMapping),
    idpIdentifiers: input.IdpIdentifiers === undefined ? provider.idpIdentifiers : [...new Set(input.IdpIdentifiers)],
    lastModifiedAt: context.now,
  };
}

function checkProviderName(name: string, type: IdentityProviderTypeType): void {
  if (SOCIAL_TYPES.has(type) && name !== type) throw providerNameNotType(name, type);
  const reserved = name.toUpperCase() === "COGNITO" || [...SOCIAL_TYPES].some((social) => social.toLowerCase() === name.toLowerCase());
  if (reserved && name !== type) throw providerNameReserved(name);
}

function acceptedDetails(type: IdentityProviderTypeType, given: Record<string, string>): Record<string, string> {
  const accepted = new Set(ACCEPTED_KEYS[type]);
  return Object.fromEntries(Object.entries(given).filter(([key]) => accepted.has(key)));
}

async function completedDetails(reader: ProviderHttp, type: IdentityProviderTypeType, given: Record<string, string>): Promise<Record<string, string>> {
  for (const key of REQUIRED_KEYS[type]) {
    if (given[key] === undefined || given[key] === "") throw providerDetailMissing(key, type);
  }
  if (type === "SAML") return completedSamlDetails(reader, given);
  if (type === "OIDC") return sorted(await completedOidcDetails(reader, given));
  // The request's own endpoints win, so a social provider can be pointed at a local stand-in (docs/behaviour.md#identity-providers).
  return sorted({ ...socialDefaults(type, given), ...given });
}

async function completedOidcDetails(reader: ProviderHttp, given: Record<string, string>): Promise<Record<string, string>> {
  const method = given.attributes_request_method!;
  if (method !== "GET" && method !== "POST") throw providerDetailInvalid("attributes_request_method", "GET or POST");
  const details: Record<string, string> = { attributes_url_add_attributes: "false", ...given };
  const missing = (Object.keys(DISCOVERED_ENDPOINTS) as Array<keyof typeof DISCOVERED_ENDPOINTS>).filter((key) => details[key] === undefined);
  if (missing.length === 0) return details;
  const issuer = details.oidc_issuer!;
  const discovery = await readJson(reader, `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`);
  for (const key of missing) {
    const value = discovery?.[DISCOVERED_ENDPOINTS[key]];
    if (typeof value !== "string" || value === "") throw oidcDiscoveryFailed(issuer);
    details[key] = value;
  }
  return details;
}

async function readJson(reader: ProviderHttp, url: string): Promise<Record<string, unknown> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readText(reader, url));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function completedSamlDetails(reader: ProviderHttp, given: Record<string, string>): Promise<Record<string, string>> {
  if ((given.MetadataFile === undefined) === (given.MetadataURL === undefined)) throw samlMetadataSourceCount();
  for (const flag of ["IDPSignout", "IDPInit", "EncryptedResponses"]) {
    if (given[flag] !== undefined && given[flag] !== "true" && given[flag] !== "false") throw providerDetailInvalid(flag, "true or false");
  }
  if (given.RequestSigningAlgorithm !== undefined && given.RequestSigningAlgorithm !== "rsa-sha256") {
    throw providerDetailInvalid("RequestSigningAlgorithm", "rsa-sha256");
  }
  let metadata = given.MetadataFile;
  if (metadata === undefined) {
    try {
      metadata = await readText(reader, given.MetadataURL!);
    } catch {
      throw samlMetadataUnreadable(`${given.MetadataURL} did not answer`);
    }
  }
  const endpoints = samlIdpEndpoints(metadata);
  if (endpoints === undefined) throw samlMetadataUnreadable("no IDPSSODescriptor with an HTTP-Redirect SingleSignOnService");
  const details: Record<string, string> = { ...given, SSORedirectBindingURI: endpoints.ssoRedirect };
  if (endpoints.sloRedirect !== undefined) details.SLORedirectBindingURI = endpoints.sloRedirect;
  else delete details.SLORedirectBindingURI;
  return sorted(details);
}

/** Keys are pool attributes (or `username`); Cognito adds `username` → the provider's subject claim when not mapped. */
function attributeMapping(pool: UserPoolRecord, type: IdentityProviderTypeType, given: Record<string, string>): Record<string, string> {
  for (const attribute of Object.keys(given)) {
    if (attribute !== "username" && schemaAttribute(pool, attribute) === undefined) throw mappedAttributeUnknown(attribute);
  }
  const usernameClaim = USERNAME_CLAIM[type];
  return sorted(usernameClaim === undefined || given.username !== undefined ? { ...given } : { ...given, username: usernameClaim });
}

function sorted(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Stores a new provider: its name and each of its identifiers must be free in the pool. The identifiers are
 * checked against the pool's other providers first (a pool has at most a few hundred), then the store
 * refuses a name taken meanwhile.
 */
export async function storeNewIdentityProvider(store: Store, provider: IdentityProviderRecord): Promise<void> {
  if ((await store.identityProviders.get(provider.poolId, provider.name)) !== undefined) throw identityProviderExists(provider.name, provider.poolId);
  await checkIdentifiersFree(store, provider);
  try {
    await store.identityProviders.create(provider);
  } catch (error) {
    throw error instanceof StorageConflictError ? identityProviderExists(provider.name, provider.poolId) : error;
  }
}

export async function replaceIdentityProvider(store: Store, provider: IdentityProviderRecord): Promise<void> {
  await checkIdentifiersFree(store, provider);
  if (!(await store.identityProviders.update(provider))) throw identityProviderMissing(provider.name);
}

async function checkIdentifiersFree(store: Store, provider: IdentityProviderRecord): Promise<void> {
  if (provider.idpIdentifiers.length === 0) return;
  const others = (await store.identityProviders.all(provider.poolId)).filter((other) => other.name !== provider.name);
  const taken = new Set(others.flatMap((other) => other.idpIdentifiers));
  const clash = provider.idpIdentifiers.find((identifier) => taken.has(identifier));
  if (clash !== undefined) throw idpIdentifierTaken(clash, provider.poolId);
}

export async function requireIdentityProvider(store: Store, poolId: string, name: string): Promise<IdentityProviderRecord> {
  const provider = await store.identityProviders.get(poolId, name);
  if (provider === undefined) throw identityProviderMissing(name);
  return provider;
}

export async function requireIdentityProviderByIdentifier(store: Store, poolId: string, identifier: string): Promise<IdentityProviderRecord> {
  const provider = (await store.identityProviders.all(poolId)).find((candidate) => candidate.idpIdentifiers.includes(identifier));
  if (provider === undefined) throw idpIdentifierMissing(identifier);
  return provider;
}

export async function removeIdentityProvider(store: Store, poolId: string, name: string): Promise<void> {
  if (!(await store.identityProviders.delete(poolId, name))) throw identityProviderMissing(name);
}

/** The names app clients may list in SupportedIdentityProviders besides COGNITO. */
export async function identityProviderNames(store: Store, poolId: string): Promise<Set<string>> {
  return new Set((await store.identityProviders.all(poolId)).map((provider) => provider.name));
}

export function toIdentityProviderType(provider: IdentityProviderRecord): IdentityProviderType {
  return {
    UserPoolId: provider.poolId,
    ProviderName: provider.name,
    ProviderType: provider.type,
    ProviderDetails: Object.fromEntries(Object.entries(provider.details).filter(([key]) => !WITHHELD_KEYS.has(key))),
    AttributeMapping: { ...provider.attributeMapping },
    IdpIdentifiers: [...provider.idpIdentifiers],
    LastModifiedDate: provider.lastModifiedAt,
    CreationDate: provider.createdAt,
  };
}

export function toProviderDescription(provider: IdentityProviderRecord): ProviderDescription {
  return {
    ProviderName: provider.name,
    ProviderType: provider.type,
    LastModifiedDate: provider.lastModifiedAt,
    CreationDate: provider.createdAt,
  };
}
