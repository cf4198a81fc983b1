import type { OAuthFlowType } from "@aws-sdk/client-cognito-identity-provider";
import {
  callbackUrlsRequired,
  clientCredentialsWithBrowserFlows,
  clientCredentialsWithoutSecret,
  defaultRedirectNotInCallbacks,
  oauthFlowsAndScopesRequired,
  redirectUrlInvalid,
  scopeDoesNotExist,
  userScopeWithClientCredentials,
} from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import { customScopesOf } from "../resourceServers/resourceServer.js";
import type { ClientConfig } from "./types.js";

type OAuthSettings = Pick<
  ClientConfig,
  "AllowedOAuthFlowsUserPoolClient" | "AllowedOAuthFlows" | "AllowedOAuthScopes" | "CallbackURLs" | "LogoutURLs" | "DefaultRedirectURI"
>;

/** Scopes about a signed-in user, which a machine-to-machine (client_credentials) token has none of. */
export const USER_SCOPES: ReadonlySet<string> = new Set(["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]);

/** Hosts a redirect may reach over plain http: Cognito allows it for local development only. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Cognito's consistency rules for a client's OAuth settings. They hold whether or not the client is
 * switched to OAuth (AllowedOAuthFlowsUserPoolClient), as Cognito checks the flows it is given either way.
 */
export function checkOAuthSettings(settings: OAuthSettings, hasSecret: boolean): void {
  const flows = settings.AllowedOAuthFlows ?? [];
  const scopes = settings.AllowedOAuthScopes ?? [];
  const callbacks = settings.CallbackURLs ?? [];
  for (const url of callbacks) checkRedirectUrl("CallbackURLs", url);
  for (const url of settings.LogoutURLs ?? []) checkRedirectUrl("LogoutURLs", url);
  if (settings.AllowedOAuthFlowsUserPoolClient === true && (flows.length === 0 || scopes.length === 0)) {
    throw oauthFlowsAndScopesRequired();
  }
  const browserFlows = flows.filter((flow: OAuthFlowType) => flow !== "client_credentials");
  if (flows.includes("client_credentials")) {
    if (browserFlows.length > 0) throw clientCredentialsWithBrowserFlows();
    if (!hasSecret) throw clientCredentialsWithoutSecret();
    const userScope = scopes.find((scope) => USER_SCOPES.has(scope));
    if (userScope !== undefined) throw userScopeWithClientCredentials(userScope);
  }
  if (browserFlows.length > 0 && callbacks.length === 0) throw callbackUrlsRequired();
  if (settings.DefaultRedirectURI !== undefined && !callbacks.includes(settings.DefaultRedirectURI)) {
    throw defaultRedirectNotInCallbacks();
  }
}

/**
 * Every scope a client is allowed must be a standard one or `<identifier>/<scope>` of one of the pool's
 * resource servers (Cognito's ScopeDoesNotExistException), checked in the order given.
 */
export async function checkScopesExist(store: Store, poolId: string, scopes: readonly string[] | undefined): Promise<void> {
  const custom = (scopes ?? []).filter((scope) => !USER_SCOPES.has(scope));
  if (custom.length === 0) return;
  const known = await customScopesOf(store, poolId);
  const unknown = custom.find((scope) => !known.has(scope));
  if (unknown !== undefined) throw scopeDoesNotExist(unknown);
}

/**
 * A redirect URL Cognito accepts: absolute, without a fragment, https or an app's own scheme (`myapp://`),
 * plain http only to the loopback (docs/behaviour.md#oauth-app-clients).
 */
function checkRedirectUrl(member: "CallbackURLs" | "LogoutURLs", url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw redirectUrlInvalid(member, url);
  }
  if (url.includes("#")) throw redirectUrlInvalid(member, url);
  if (parsed.protocol === "http:" && !LOOPBACK_HOSTS.has(parsed.hostname)) throw redirectUrlInvalid(member, url);
}
