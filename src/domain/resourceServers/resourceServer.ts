import type { ResourceServerScopeType, ResourceServerType } from "@aws-sdk/client-cognito-identity-provider";
import { duplicateScopeName, resourceServerExists, resourceServerNotFound } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { ResourceServerRecord, ResourceServerScope } from "./types.js";

interface ResourceServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScopeType[] | undefined;
}

/** The resource server a Create or Update request describes; omitted scopes are none. */
export function resourceServerFrom(input: ResourceServerInput): ResourceServerRecord {
  const scopes: ResourceServerScope[] = (input.Scopes ?? []).map((scope) => ({
    name: scope.ScopeName!,
    description: scope.ScopeDescription!,
  }));
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (seen.has(scope.name)) throw duplicateScopeName(scope.name);
    seen.add(scope.name);
  }
  return { poolId: input.UserPoolId, identifier: input.Identifier, name: input.Name, scopes };
}

export async function storeNewResourceServer(store: Store, server: ResourceServerRecord): Promise<void> {
  try {
    await store.resourceServers.create(server);
  } catch (error) {
    throw error instanceof StorageConflictError ? resourceServerExists(server.identifier, server.poolId) : error;
  }
}

export async function requireResourceServer(store: Store, poolId: string, identifier: string): Promise<ResourceServerRecord> {
  const server = await store.resourceServers.get(poolId, identifier);
  if (server === undefined) throw resourceServerNotFound(identifier);
  return server;
}

/**
 * UpdateResourceServer replaces the name and the scopes: scopes it omits are removed, as Cognito documents
 * for this operation ("If you don't provide a value for an attribute, it is set to the default value").
 */
export async function replaceResourceServer(store: Store, server: ResourceServerRecord): Promise<void> {
  if (!(await store.resourceServers.update(server))) throw resourceServerNotFound(server.identifier);
}

export async function removeResourceServer(store: Store, poolId: string, identifier: string): Promise<void> {
  if (!(await store.resourceServers.delete(poolId, identifier))) throw resourceServerNotFound(identifier);
}

/** Every custom scope of the pool, as `<identifier>/<scope name>`. */
export async function customScopesOf(store: Store, poolId: string): Promise<Set<string>> {
  const servers = await store.resourceServers.all(poolId);
  return new Set(servers.flatMap((server) => server.scopes.map((scope) => `${server.identifier}/${scope.name}`)));
}

export function toResourceServerType(server: ResourceServerRecord): ResourceServerType {
  return {
    UserPoolId: server.poolId,
    Identifier: server.identifier,
    Name: server.name,
    Scopes: server.scopes.map((scope) => ({ ScopeName: scope.name, ScopeDescription: scope.description })),
  };
}
