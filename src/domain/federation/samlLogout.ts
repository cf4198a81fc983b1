import { federationFailed } from "../../errors/catalogue.js";
import { sessionId } from "../auth/sessions.js";
import { MANAGED_LOGIN_SESSION } from "../auth/types.js";
import type { Store } from "../ports/store.js";
import type { FederationDeps } from "./oidcSignIn.js";
import { openState, sealState, STATE_LIFETIME_MS } from "./pendingSignIn.js";
import { poolSamlCertificate } from "./samlCertificate.js";
import { redirectBindingUrl, samlEntities, samlEntityId, xmlEscape, type SamlSession } from "./samlSignIn.js";

/** The sign-out waiting for the IdP's LogoutResponse, carried in its RelayState like a pending sign-in. */
interface PendingLogout {
  poolId: string;
  provider: string;
  /** The LogoutRequest's ID, which the response must answer. */
  requestId: string;
  /** Where /logout was to send the browser: the client's sign-out URL, or the authorize endpoint again. */
  location: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The SAML sign-in a managed-login session cookie holds, read before /logout ends it; undefined for any other session. */
export async function samlSessionOf(store: Store, token: string | undefined): Promise<(SamlSession & { poolId: string }) | undefined> {
  if (token === undefined || token === "") return undefined;
  const session = await store.sessions.get(sessionId(token));
  const saml = session?.challenge === MANAGED_LOGIN_SESSION ? (session.data.saml as SamlSession | undefined) : undefined;
  return saml === undefined || typeof saml.provider !== "string" ? undefined : { ...saml, poolId: session!.poolId };
}

/**
 * SAML single logout from /logout (docs/behaviour.md#saml-federation): when the user signed in through a
 * SAML provider whose `IDPSignout` is true and whose metadata has an HTTP-Redirect SingleLogoutService, the
 * browser goes there with a LogoutRequest (NameID, SessionIndex) signed with the pool's key, the sign-out's
 * final destination sealed in RelayState; undefined otherwise, and /logout redirects at once.
 */
export async function samlLogoutLocation(
  deps: FederationDeps,
  request: { session: (SamlSession & { poolId: string }) | undefined; location: string; now: Date },
): Promise<string | undefined> {
  const { session, location, now } = request;
  if (session === undefined) return undefined;
  const provider = await deps.store.identityProviders.get(session.poolId, session.provider);
  const destination = provider?.details.SLORedirectBindingURI;
  if (provider?.type !== "SAML" || provider.details.IDPSignout !== "true" || destination === undefined) return undefined;
  const requestId = `_${deps.random.bytes(16).toString("hex")}`;
  const logoutRequest =
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${requestId}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${xmlEscape(destination)}">` +
    `<saml:Issuer>${samlEntityId(session.poolId)}</saml:Issuer>` +
    `<saml:NameID>${xmlEscape(session.nameId)}</saml:NameID>` +
    (session.sessionIndex === undefined ? "" : `<samlp:SessionIndex>${xmlEscape(session.sessionIndex)}</samlp:SessionIndex>`) +
    `</samlp:LogoutRequest>`;
  const pending: PendingLogout = { poolId: session.poolId, provider: provider.name, requestId, location, expiresAt: now.getTime() + STATE_LIFETIME_MS };
  const relayState = await sealState(deps.store, "saml logout state", pending, now);
  const { privateKeyPem } = await poolSamlCertificate(deps, session.poolId, now);
  return redirectBindingUrl(destination, { SAMLRequest: logoutRequest }, relayState, privateKeyPem);
}

/**
 * POST /saml2/logout: the IdP's LogoutResponse, signed by a certificate of its metadata, successful and
 * answering Cognate's LogoutRequest; the browser then goes where /logout was to send it. A RelayState Cognate
 * did not seal is `oauthInvalidRequest`; a response that fails a check is `federationFailed`.
 */
export async function finishSamlLogout(deps: FederationDeps, form: { samlResponse?: string; relayState?: string }, now: Date): Promise<string> {
  const pending = await openState<PendingLogout>(deps.store, "saml logout state", form.relayState, now);
  const provider = await deps.store.identityProviders.get(pending.poolId, pending.provider);
  if (provider?.type !== "SAML") throw federationFailed("the identity provider is gone");
  if (form.samlResponse === undefined || form.samlResponse === "") throw federationFailed("no SAMLResponse was posted");
  const { idp, sp } = await samlEntities(deps, { provider, poolId: pending.poolId, now });
  let extract: Record<string, any>;
  try {
    ({ extract } = (await sp.parseLogoutResponse(idp, "post", { body: { SAMLResponse: form.samlResponse } })) as { extract: Record<string, any> });
  } catch {
    throw federationFailed("the SAML logout response is not a validly signed success");
  }
  if (extract.response?.inResponseTo !== pending.requestId) throw federationFailed("the SAML logout response answers another request");
  return pending.location;
}
