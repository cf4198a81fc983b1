import { oauthRedirectMismatch } from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import { optionalField, type FormFields } from "./form.js";

/**
 * GET /logout: where the browser goes after signing out. With `logout_uri`, there, when it is one of the
 * client's sign-out URLs; with `redirect_uri` and `response_type` instead, to sign in again (the authorize
 * endpoint with the same query). Anything else is `redirect_mismatch`, shown on a page, never redirected.
 */
export async function logoutLocation(store: Store, query: FormFields, rawQuery: string): Promise<string> {
  const clientId = optionalField(query, "client_id");
  const client = clientId === undefined ? undefined : await store.clients.findById(clientId);
  if (client === undefined) throw oauthRedirectMismatch();
  const logoutUri = optionalField(query, "logout_uri");
  if (logoutUri !== undefined) {
    if (!(client.config.LogoutURLs ?? []).includes(logoutUri)) throw oauthRedirectMismatch();
    return logoutUri;
  }
  const redirectUri = optionalField(query, "redirect_uri");
  if (redirectUri === undefined || optionalField(query, "response_type") === undefined || !(client.config.CallbackURLs ?? []).includes(redirectUri)) {
    throw oauthRedirectMismatch();
  }
  return `/oauth2/authorize?${rawQuery}`;
}
