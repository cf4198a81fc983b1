import { oauthInvalidScope } from "../../errors/catalogue.js";
import { USER_SCOPES } from "../clients/oauth.js";
import type { ClientRecord } from "../clients/types.js";
import type { Store } from "../ports/store.js";
import { customScopesOf } from "../resourceServers/resourceServer.js";

/** The scopes of a `scope` parameter: space-separated, duplicates dropped, order kept. */
export function parseScope(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return undefined;
  return [...new Set(scope.split(" ").filter((part) => part !== ""))];
}

/**
 * The scopes a client_credentials token carries: those asked for, or when none are, every custom scope of the
 * client (Cognito's default). Each must be allowed to the client and still exist on a resource server;
 * otherwise, or when nothing remains, `invalid_scope`.
 */
export async function clientCredentialsScopes(store: Store, client: ClientRecord, requested: string[] | undefined): Promise<string[]> {
  const allowed = (client.config.AllowedOAuthScopes ?? []).filter((scope) => !USER_SCOPES.has(scope));
  const existing = await customScopesOf(store, client.poolId);
  const granted = requested ?? allowed.filter((scope) => existing.has(scope));
  if (granted.length === 0) throw oauthInvalidScope();
  for (const scope of granted) if (!allowed.includes(scope) || !existing.has(scope)) throw oauthInvalidScope();
  return granted;
}
