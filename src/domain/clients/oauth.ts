import type { OAuthFlowType } from "@aws-sdk/client-cognito-identity-provider";
import {
  callbackUrlsRequired,
  clientCredentialsWithBrowserFlows,
  clientCredentialsWithoutSecret,
  defaultRedirectNotInCallbacks,
  oauthFlowsAndScopesRequired,
  userScopeWithClientCredentials,
} from "../../errors/catalogue.js";
import type { ClientConfig } from "./types.js";

type OAuthSettings = Pick<
  ClientConfig,
  "AllowedOAuthFlowsUserPoolClient" | "AllowedOAuthFlows" | "AllowedOAuthScopes" | "CallbackURLs" | "DefaultRedirectURI"
>;

/** Scopes about a signed-in user, which a machine-to-machine (client_credentials) token has none of. */
const USER_SCOPES = new Set(["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]);

/**
 * Cognito's consistency rules for a client's OAuth settings. They hold whether or not the client is
 * switched to OAuth (AllowedOAuthFlowsUserPoolClient), as Cognito checks the flows it is given either way.
 */
export function checkOAuthSettings(settings: OAuthSettings, hasSecret: boolean): void {
  const flows = settings.AllowedOAuthFlows ?? [];
  const scopes = settings.AllowedOAuthScopes ?? [];
  const callbacks = settings.CallbackURLs ?? [];
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
