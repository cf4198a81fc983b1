import { createHash, createPrivateKey, sign } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import { federationFailed, oauthInvalidRequest } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { OAuthError } from "../../errors/oauthError.js";
import { SAML_ASSERTION_USED } from "../auth/types.js";
import type { FormFields } from "../oauth/form.js";
import { StorageConflictError } from "../ports/errors.js";
import { requireIdentityProvider } from "../identityProviders/identityProvider.js";
import { readText, type IdentityProviderRecord } from "../identityProviders/types.js";
import { checkAuthorizeRequest, redirectBack, trustedRedirect, type AuthorizeRequest } from "../oauth/authorize.js";
import { signedInAtPage, type LoginOutcome } from "../oauth/login.js";
import { federatedUser } from "./federatedUser.js";
import { requestedProvider, type FederationDeps } from "./oidcSignIn.js";
import { newPendingSignIn, openPending, pendingAuthorize, sealPending, STATE_LIFETIME_MS, type PendingSignIn } from "./pendingSignIn.js";
import { poolSamlCertificate } from "./samlCertificate.js";

/** How far the IdP's clock may be from Cognate's when the assertion's time window is checked. */
export const SAML_CLOCK_SKEW_MS = 60_000;

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/** The service provider a SAML IdP knows the pool as: `urn:amazon:cognito:sp:<pool id>`, Cognito's form. */
export function samlEntityId(poolId: string): string {
  return `urn:amazon:cognito:sp:${poolId}`;
}

/** The assertion consumer service (HTTP-POST binding) every SAML IdP is given. */
export function samlAcsUrl(publicUrl: string): string {
  return `${publicUrl}/saml2/idpresponse`;
}

/**
 * SP-initiated sign-in (docs/behaviour.md#saml-federation): an AuthnRequest to the IdP's HTTP-Redirect
 * SingleSignOnService, its ID the pending sign-in's nonce (the response must answer it), the sealed pending
 * sign-in as RelayState, and signed with the pool's SAML key when the provider's RequestSigningAlgorithm asks.
 */
export async function samlAuthorizeLocation(
  deps: FederationDeps,
  request: { authorize: AuthorizeRequest; provider: IdentityProviderRecord; now: Date },
): Promise<string> {
  const { authorize, provider, now } = request;
  const pending = newPendingSignIn(deps, { authorize, provider, now });
  const destination = provider.details.SSORedirectBindingURI!;
  const authnRequest =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"` +
    ` ID="${requestIdOf(pending)}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${xmlEscape(destination)}"` +
    ` AssertionConsumerServiceURL="${xmlEscape(samlAcsUrl(deps.publicUrl()))}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${samlEntityId(authorize.pool.id)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`;
  const relayState = await sealPending(deps.store, pending, now);
  const signingKey = provider.details.RequestSigningAlgorithm === "rsa-sha256" ? (await poolSamlCertificate(deps, authorize.pool.id, now)).privateKeyPem : undefined;
  return redirectBindingUrl(destination, { SAMLRequest: authnRequest }, relayState, signingKey);
}

/**
 * A SAML message on the HTTP-Redirect binding: deflated, base64, with its RelayState, and signed with the
 * given key over the query exactly as sent (SAML bindings 3.4.4.1), which is why it is built by hand.
 */
export function redirectBindingUrl(destination: string, message: { SAMLRequest: string }, relayState: string, signingKeyPem: string | undefined): string {
  let query =
    `SAMLRequest=${encodeURIComponent(deflateRawSync(message.SAMLRequest).toString("base64"))}` + `&RelayState=${encodeURIComponent(relayState)}`;
  if (signingKeyPem !== undefined) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    query += `&Signature=${encodeURIComponent(sign("sha256", Buffer.from(query), createPrivateKey(signingKeyPem)).toString("base64"))}`;
  }
  return `${destination}${destination.includes("?") ? "&" : "?"}${query}`;
}

/** The AuthnRequest's ID: an XML name, so it starts with an underscore. */
function requestIdOf(pending: PendingSignIn): string {
  return `_${pending.providerNonce}`;
}

/**
 * POST /saml2/idpresponse. A RelayState Cognate sealed is an SP-initiated sign-in, whose response must answer
 * its AuthnRequest; a RelayState holding authorize parameters (`client_id`, `redirect_uri`, `response_type`,
 * `identity_provider` or `idp_identifier`, `scope`) is an IdP-initiated one, allowed only when the provider's
 * `IDPInit` is true, and its response must answer no request. A RelayState that is neither cannot be
 * trusted to redirect anywhere and is refused on a page; any other failure goes back to the client's
 * redirect URI as `error=invalid_request`.
 */
export async function finishSamlSignIn(
  deps: FederationDeps,
  form: { samlResponse?: string; relayState?: string },
  now: Date,
): Promise<LoginOutcome | { kind: "refused"; location: string }> {
  const relayState = form.relayState ?? "";
  const idpInitiated = /(^|&)client_id=/.test(relayState);
  let authorize: AuthorizeRequest;
  let expectedRequestId: string | undefined;
  let provider: IdentityProviderRecord | undefined;
  if (idpInitiated) {
    const fields = relayStateFields(relayState);
    authorize = checkAuthorizeRequest(await trustedRedirect(deps.store, fields), fields);
  } else {
    const pending = await openPending(deps.store, relayState, now);
    authorize = await pendingAuthorize(deps.store, pending);
    expectedRequestId = requestIdOf(pending);
    provider = await requireIdentityProvider(deps.store, pending.poolId, pending.provider).catch(() => undefined);
  }
  try {
    if (idpInitiated) {
      provider = await requestedProvider(deps.store, authorize);
      if (provider === undefined) throw federationFailed("the RelayState names no identity provider");
      if (provider.details.IDPInit !== "true") throw federationFailed(`${provider.name} does not allow IdP-initiated sign-in`);
    }
    if (provider === undefined || provider.type !== "SAML") throw federationFailed("the identity provider is gone");
    if (form.samlResponse === undefined || form.samlResponse === "") throw federationFailed("no SAMLResponse was posted");
    const assertion = await verifiedAssertion(deps, { provider, poolId: authorize.pool.id, samlResponse: form.samlResponse, expectedRequestId, now });
    await markAssertionUsed(deps, { authorize, username: `${provider.name}_${assertion.nameId}`, assertion, now });
    const user = await federatedUser(deps, {
      pool: authorize.pool,
      client: authorize.client,
      provider,
      subject: assertion.nameId,
      issuer: assertion.issuer,
      claims: assertion.attributes,
      now,
    });
    const saml: SamlSession = { provider: provider.name, nameId: assertion.nameId, ...(assertion.sessionIndex === undefined ? {} : { sessionIndex: assertion.sessionIndex }) };
    return await signedInAtPage(deps, { authorize, user, now, sessionData: { saml } });
  } catch (error) {
    if (!(error instanceof OAuthError || error instanceof CognitoError)) throw error;
    return {
      kind: "refused",
      location: redirectBack(authorize.redirectUri, { error_description: error.message, error: "invalid_request", state: authorize.state }),
    };
  }
}

/**
 * Cognito accepts an assertion once: its ID is kept, beside the sessions, until the assertion expires (the
 * sweeper then removes it), and a second post of it is refused. The row's id has a prefix no session
 * token's hash can take.
 */
async function markAssertionUsed(
  deps: FederationDeps,
  request: { authorize: AuthorizeRequest; username: string; assertion: SamlAssertion; now: Date },
): Promise<void> {
  const { authorize, username, assertion, now } = request;
  const poolId = authorize.pool.id;
  try {
    await deps.store.sessions.create({
      id: `saml-assertion:${createHash("sha256").update(`${poolId}\n${assertion.id}`).digest("hex")}`,
      poolId,
      clientId: authorize.client.clientId,
      username,
      challenge: SAML_ASSERTION_USED,
      createdAt: now,
      expiresAt: new Date(assertion.validUntil + SAML_CLOCK_SKEW_MS),
      data: {},
    });
  } catch (error) {
    if (error instanceof StorageConflictError) throw federationFailed("the SAML assertion was already used");
    throw error;
  }
}

/** How a managed-login session's user signed in through SAML: what a LogoutRequest to the IdP names. */
export interface SamlSession {
  provider: string;
  nameId: string;
  sessionIndex?: string;
}

function relayStateFields(relayState: string): FormFields {
  const fields: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(relayState)) (fields[name] ??= []).push(value);
  return fields;
}

/** What Cognate takes from a verified assertion. */
interface SamlAssertion {
  /** The assertion's ID, or the response's when the assertion has none. */
  id: string;
  /** Epoch milliseconds: the earliest of its NotOnOrAfter times, or five minutes from now when it has none. */
  validUntil: number;
  issuer: string;
  nameId: string;
  /** The AuthnStatement's SessionIndex, which single logout names. */
  sessionIndex?: string;
  /** SAML attribute name → its value; several values as `[a, b]` (docs/behaviour.md#saml-federation). */
  attributes: Record<string, string>;
}

/**
 * The response checked as Cognito checks it: signed (the response or its assertion) by a certificate of the
 * IdP's metadata and issued by its entity id, the assertion decrypted with the pool's key when the provider
 * asks for encrypted responses, meant for the pool (Audience) at its ACS (Destination, Recipient), answering
 * the AuthnRequest (InResponseTo, or none when IdP-initiated), and within its time window on Cognate's clock.
 */
async function verifiedAssertion(
  deps: FederationDeps,
  request: { provider: IdentityProviderRecord; poolId: string; samlResponse: string; expectedRequestId: string | undefined; now: Date },
): Promise<SamlAssertion> {
  const { provider, poolId, now } = request;
  const { saml, idp, sp, acs } = await samlEntities(deps, { provider, poolId, now });
  const encrypted = provider.details.EncryptedResponses === "true";
  let parsed: { samlContent: string; extract: Record<string, any> };
  try {
    parsed = (await sp.parseLoginResponse(idp, "post", { body: { SAMLResponse: request.samlResponse } })) as typeof parsed;
  } catch {
    throw federationFailed("the SAML response is not validly signed by the identity provider");
  }
  const extract = parsed.extract;
  if (encrypted && !/<(?:\w+:)?EncryptedAssertion\b/.test(Buffer.from(request.samlResponse, "base64").toString("utf8"))) {
    throw federationFailed("the SAML assertion is not encrypted");
  }
  const audiences = ([] as string[]).concat(extract.audience ?? []);
  if (!audiences.includes(samlEntityId(poolId))) throw federationFailed("the SAML assertion is meant for another audience");
  const response = extract.response ?? {};
  if (response.destination !== undefined && response.destination !== acs) throw federationFailed("the SAML response is meant for another destination");
  const confirmation = subjectConfirmation(saml, parsed.samlContent);
  if (confirmation.recipient !== undefined && confirmation.recipient !== acs) throw federationFailed("the SAML assertion is meant for another recipient");
  const inResponseTo = response.inResponseTo ?? confirmation.inResponseTo;
  if (inResponseTo !== request.expectedRequestId) {
    throw federationFailed(request.expectedRequestId === undefined ? "an IdP-initiated SAML response answers a request" : "the SAML response answers another request");
  }
  const at = now.getTime();
  const notBefore = timeOf(extract.conditions?.notBefore);
  const notOnOrAfter = [timeOf(extract.conditions?.notOnOrAfter), timeOf(confirmation.notOnOrAfter), timeOf(extract.sessionIndex?.sessionNotOnOrAfter)];
  if (notBefore !== undefined && at < notBefore - SAML_CLOCK_SKEW_MS) throw federationFailed("the SAML assertion is not valid yet");
  if (notOnOrAfter.some((end) => end !== undefined && at >= end + SAML_CLOCK_SKEW_MS)) throw federationFailed("the SAML assertion has expired");
  if (typeof extract.nameID !== "string" || extract.nameID === "") throw federationFailed("the SAML assertion has no NameID");
  const sessionIndex = extract.sessionIndex?.sessionIndex;
  const ends = notOnOrAfter.filter((end): end is number => end !== undefined);
  const id = confirmation.assertionId ?? response.id;
  if (typeof id !== "string" || id === "") throw federationFailed("the SAML assertion has no ID");
  return {
    id,
    validUntil: ends.length === 0 ? at + STATE_LIFETIME_MS : Math.min(...ends),
    issuer: idp.entityMeta.getEntityID(),
    nameId: extract.nameID,
    ...(typeof sessionIndex === "string" ? { sessionIndex } : {}),
    attributes: attributeTexts(extract.attributes ?? {}),
  };
}

/** Each attribute as one text: its value, or its values as Cognito writes a multi-valued SAML attribute, `[a, b]`. */
function attributeTexts(attributes: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(", ")}]` : value]));
}

/**
 * The IdP as its metadata describes it (a `MetadataURL` read again) and the pool as the service provider,
 * with its key for decrypting assertions and the signatures it expects (assertions, logout responses).
 */
export async function samlEntities(deps: FederationDeps, request: { provider: IdentityProviderRecord; poolId: string; now: Date }) {
  const { provider, poolId, now } = request;
  const saml = await samlify();
  const details = provider.details;
  const metadata = details.MetadataFile ?? (await readText(deps.providerHttp, details.MetadataURL!).catch(() => undefined));
  if (metadata === undefined) throw federationFailed("the SAML metadata could not be read");
  const acs = samlAcsUrl(deps.publicUrl());
  const { privateKeyPem, certificatePem } = await poolSamlCertificate(deps, poolId, now);
  const idp = saml.IdentityProvider({ metadata, isAssertionEncrypted: details.EncryptedResponses === "true" });
  const sp = saml.ServiceProvider({
    entityID: samlEntityId(poolId),
    assertionConsumerService: [{ Binding: saml.Constants.namespace.binding.post, Location: acs }],
    privateKey: privateKeyPem,
    encPrivateKey: privateKeyPem,
    signingCert: certificatePem,
    encryptCert: certificatePem,
    wantLogoutResponseSigned: true,
    // The time window is checked on Cognate's clock, which the dev control API may have moved.
    clockDrifts: [-UNBOUNDED_DRIFT_MS, UNBOUNDED_DRIFT_MS],
  });
  return { saml, idp, sp, acs };
}

/** Large enough that samlify's own time check, which reads the machine's clock, never refuses. */
const UNBOUNDED_DRIFT_MS = 1e15;

/** What samlify's extraction leaves out: the SubjectConfirmationData's attributes and the assertion's ID. */
function subjectConfirmation(saml: Samlify, samlContent: string): { recipient?: string; notOnOrAfter?: string; inResponseTo?: string; assertionId?: string } {
  const extracted = saml.Extractor.extract(samlContent, [
    {
      key: "confirmation",
      localPath: ["Response", "Assertion", "Subject", "SubjectConfirmation", "SubjectConfirmationData"],
      attributes: ["Recipient", "NotOnOrAfter", "InResponseTo"],
    },
    { key: "assertion", localPath: ["Response", "Assertion"], attributes: ["ID"] },
  ]);
  const assertionId = (extracted.assertion as { id?: unknown } | undefined)?.id;
  return {
    ...((extracted.confirmation ?? {}) as { recipient?: string; notOnOrAfter?: string; inResponseTo?: string }),
    ...(typeof assertionId === "string" ? { assertionId } : {}),
  };
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw federationFailed("the SAML assertion has an unreadable time");
  return time;
}

export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

export type Samlify = typeof import("samlify");
let loaded: Promise<Samlify> | undefined;

/** samlify with its XML schema validator, loaded at the first SAML response (ARCHITECTURE.md, "Startup"). */
export function samlify(): Promise<Samlify> {
  loaded ??= (async () => {
    const saml = await import("samlify");
    const { validate } = await import("@authenio/samlify-node-xmllint");
    saml.setSchemaValidator({ validate });
    return saml;
  })();
  return loaded;
}
