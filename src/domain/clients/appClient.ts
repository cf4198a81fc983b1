import type {
  CreateUserPoolClientRequest,
  UpdateUserPoolClientRequest,
  UserPoolClientDescription,
  UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { clientNotFound, identityProviderNotFound, secretGeneratedAndGiven } from "../../errors/catalogue.js";
import { randomString, type Random } from "../random.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Store } from "../ports/store.js";
import { checkAttributePermissions, type ClientWrite } from "./attributePermissions.js";
import { explicitAuthFlows } from "./authFlows.js";
import { checkOAuthSettings } from "./oauth.js";
import { tokenValiditySettings } from "./tokenValidity.js";
import type { ClientConfig, ClientInPool, ClientRecord } from "./types.js";

/** The settings CreateUserPoolClient and UpdateUserPoolClient share. */
export type ClientSettingsInput = Omit<UpdateUserPoolClientRequest, "UserPoolId" | "ClientId" | "ClientName">;

// Cognito's ids and secrets are random numbers written in base 32 with the digits 0-9a-v.
const BASE32_DIGITS = "0123456789abcdefghijklmnopqrstuv";

/** 26 base-32 digits, lowercase alphanumerics as Cognito's client ids are. */
export function newClientId(random: Random): string {
  return randomString(random, 26, BASE32_DIGITS);
}

/**
 * A 256-bit random number in base 32, as Cognito writes secrets: 51 or 52 lowercase alphanumerics. A number
 * with leading zero digits (1 in 64 is below 32^50) is padded, so every secret has Cognito's length.
 */
export function newClientSecret(random: Random): string {
  return BigInt(`0x${random.bytes(32).toString("hex")}`).toString(32).padStart(51, "0");
}

export function newAppClient(
  pool: UserPoolRecord,
  request: CreateUserPoolClientRequest & { ClientName: string },
  identity: { clientId: string; random: Random; now: Date; identityProviders: ReadonlySet<string> },
): ClientRecord {
  if (request.GenerateSecret === true && request.ClientSecret !== undefined) throw secretGeneratedAndGiven();
  const secret = request.GenerateSecret === true ? newClientSecret(identity.random) : request.ClientSecret;
  return {
    poolId: pool.id,
    clientId: identity.clientId,
    name: request.ClientName,
    secrets: secret === undefined ? [] : [{ value: secret, createdAt: identity.now }],
    createdAt: identity.now,
    lastModifiedAt: identity.now,
    config: clientConfig(pool, request, "creating", { hasSecret: secret !== undefined, identityProviders: identity.identityProviders }),
  };
}

/**
 * The client after UpdateUserPoolClient: like Cognito, every setting the request leaves out returns to its
 * default. The name stays when not given; the secret never changes.
 */
export function updatedAppClient(
  pool: UserPoolRecord,
  client: ClientRecord,
  request: UpdateUserPoolClientRequest,
  now: Date,
  identityProviders: ReadonlySet<string>,
): ClientRecord {
  return {
    ...client,
    name: request.ClientName ?? client.name,
    lastModifiedAt: now,
    config: clientConfig(pool, request, "updating", { hasSecret: client.secrets.length > 0, identityProviders }),
  };
}

/**
 * The client as Create/Describe/UpdateUserPoolClient return it, secret included (these are administrator
 * calls): the oldest secret, so adding a second one for rotation does not change what they report
 * (docs/behaviour.md#client-secrets).
 */
export function toUserPoolClientType(client: ClientRecord): UserPoolClientType {
  const [oldest] = client.secrets;
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(oldest === undefined ? {} : { ClientSecret: oldest.value }),
    LastModifiedDate: client.lastModifiedAt,
    CreationDate: client.createdAt,
    ...client.config,
  };
}

export function toUserPoolClientDescription(client: ClientRecord): UserPoolClientDescription {
  return { ClientId: client.clientId, UserPoolId: client.poolId, ClientName: client.name };
}

/** The client of a pool the caller already resolved (requirePool). */
export async function requireClient(store: Store, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await store.clients.get(poolId, clientId);
  if (client === undefined) throw clientNotFound(clientId);
  return client;
}

/** As requireClient, locking the client's row for the rest of the transaction `tx` (ClientStore.getForUpdate). */
export async function requireClientForUpdate(tx: Store, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await tx.clients.getForUpdate(poolId, clientId);
  if (client === undefined) throw clientNotFound(clientId);
  return client;
}

/** The client an unsigned operation names: its pool (and so its region) follows from the client id alone. */
export async function findClientForUnsignedRequest(store: Store, clientId: string): Promise<ClientRecord> {
  const client = await store.clients.findById(clientId);
  if (client === undefined) throw clientNotFound(clientId);
  return client;
}

/** The client an unsigned sign-in call names, and its pool: the client id alone says where the user lives. */
export async function unsignedClient(store: Store, clientId: string): Promise<ClientInPool> {
  const client = await findClientForUnsignedRequest(store, clientId);
  const pool = await store.pools.get(client.poolId);
  if (pool === undefined) throw clientNotFound(clientId);
  return { pool, client };
}

/** ENABLED: sign-in and recovery answer as if an unknown user existed. Clients made through the API default to LEGACY. */
export function preventsUserExistenceErrors(client: ClientRecord): boolean {
  return client.config.PreventUserExistenceErrors === "ENABLED";
}

export function tokenRevocationEnabled(client: ClientRecord): boolean {
  return client.config.EnableTokenRevocation !== false;
}

/**
 * The stored settings: what the request gave, checked, with Cognito's defaults where Cognito reports them
 * (refresh validity, units, OAuth switch, revocation, context data, session validity). Settings Cognito
 * leaves out of its replies when unset (access/ID validity, flows, PreventUserExistenceErrors, …) stay absent;
 * their defaults apply where they are used.
 */
function clientConfig(
  pool: UserPoolRecord,
  input: ClientSettingsInput,
  operation: ClientWrite,
  { hasSecret, identityProviders }: { hasSecret: boolean; identityProviders: ReadonlySet<string> },
): ClientConfig {
  const tokenValidity = tokenValiditySettings(input);
  const flows = explicitAuthFlows(input.ExplicitAuthFlows);
  const lists = {
    ReadAttributes: nonEmpty(input.ReadAttributes),
    WriteAttributes: nonEmpty(input.WriteAttributes),
    SupportedIdentityProviders: nonEmpty(input.SupportedIdentityProviders),
    CallbackURLs: nonEmpty(input.CallbackURLs),
    LogoutURLs: nonEmpty(input.LogoutURLs),
    AllowedOAuthFlows: nonEmpty(input.AllowedOAuthFlows),
    AllowedOAuthScopes: nonEmpty(input.AllowedOAuthScopes),
  };
  checkAttributePermissions(pool, lists, operation);
  checkIdentityProviders(pool, lists.SupportedIdentityProviders, identityProviders);
  checkOAuthSettings({ ...input, ...lists }, hasSecret);
  return {
    ...tokenValidity,
    ...present({ ...lists, ExplicitAuthFlows: flows, DefaultRedirectURI: input.DefaultRedirectURI }),
    AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
    ...present({
      AnalyticsConfiguration:
        input.AnalyticsConfiguration &&
        present({
          ApplicationId: input.AnalyticsConfiguration.ApplicationId,
          ApplicationArn: input.AnalyticsConfiguration.ApplicationArn,
          RoleArn: input.AnalyticsConfiguration.RoleArn,
          ExternalId: input.AnalyticsConfiguration.ExternalId,
          UserDataShared: input.AnalyticsConfiguration.UserDataShared,
        }),
      PreventUserExistenceErrors: input.PreventUserExistenceErrors,
    }),
    EnableTokenRevocation: input.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: input.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: input.AuthSessionValidity ?? 3,
    ...present({
      RefreshTokenRotation: input.RefreshTokenRotation && {
        Feature: input.RefreshTokenRotation.Feature,
        ...present({ RetryGracePeriodSeconds: input.RefreshTokenRotation.RetryGracePeriodSeconds }),
      },
    }),
  };
}

/** COGNITO is always there; other providers must be the names of the pool's identity providers, exactly. */
function checkIdentityProviders(pool: UserPoolRecord, providers: string[] | undefined, poolProviders: ReadonlySet<string>): void {
  const unknown = providers?.find((provider) => provider !== "COGNITO" && !poolProviders.has(provider));
  if (unknown !== undefined) throw identityProviderNotFound(unknown, pool.id);
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list === undefined || list.length === 0 ? undefined : [...list];
}

/** The entries whose value is defined, so stored JSON and replies carry no empty keys. */
function present<T extends Record<string, unknown>>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;
}
