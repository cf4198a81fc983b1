import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { cryptoRandom } from "../../src/domain/random.js";
import { newSamlCertificate } from "../../src/domain/federation/samlCertificate.js";

/** The person the IdP signs in next, and what the response says of them. */
export interface SamlIdpUser {
  nameId: string;
  /** SAML attribute name → its values. */
  attributes: Record<string, string[]>;
}

/** Changes to a well-formed response, for the refusal tests: every field the SP must check. */
export interface ResponseOverrides {
  audience?: string;
  recipient?: string;
  destination?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  inResponseTo?: string;
}

export interface SamlIdp {
  /** Where the IdP's metadata is served; its document is `metadata`. */
  metadataUrl: string;
  metadata: string;
  entityId: string;
  /** The AuthnRequests the IdP received, as samlify parsed them (signature checked when the IdP wants it). */
  requests: Array<{ id: string; signed: boolean }>;
  /**
   * The IdP's response as its auto-posting page carries it: SAMLResponse (signed assertion, encrypted to
   * the SP's certificate when `encrypt`) and RelayState, for an AuthnRequest (SP-initiated) or none.
   */
  respond(request: {
    acs: string;
    spEntityId: string;
    spCertificate: string;
    user: SamlIdpUser;
    inResponseTo?: string;
    relayState: string;
    encrypt?: boolean;
    now?: Date;
    overrides?: ResponseOverrides;
  }): Promise<{ SAMLResponse: string; RelayState: string }>;
  /** The AuthnRequest in an HTTP-Redirect URL, parsed and (when `requireSigned`) its signature verified against the SP's certificate. */
  readRedirect(url: URL, sp: { entityId: string; acs: string; certificate: string }, requireSigned: boolean): Promise<{ id: string; relayState: string }>;
  /** A LogoutRequest in an HTTP-Redirect URL, its signature verified against the SP's certificate. */
  readLogoutRedirect(url: URL, sp: { entityId: string; acs: string; certificate: string }): Promise<{ id: string; nameId: string; sessionIndex: string; relayState: string }>;
  /** The IdP's signed LogoutResponse to a LogoutRequest, as its auto-posting page carries it. */
  logoutResponse(request: { id: string; relayState: string }, sp: { entityId: string; acs: string; certificate: string }): Promise<{ SAMLResponse: string; RelayState: string }>;
  close(): Promise<void>;
}

type Samlify = typeof import("samlify");
let loaded: Promise<Samlify> | undefined;
function samlify(): Promise<Samlify> {
  loaded ??= (async () => {
    const saml = await import("samlify");
    const { validate } = await import("@authenio/samlify-node-xmllint");
    saml.setSchemaValidator({ validate });
    return saml;
  })();
  return loaded;
}

/** A real SAML 2.0 IdP (samlify's IdentityProvider) on loopback: its metadata at /metadata, its SSO and SLO addresses on the same host. */
export async function startSamlIdp(): Promise<SamlIdp> {
  const saml = await samlify();
  const key = await newSamlCertificate(cryptoRandom, "test-idp", new Date());
  let metadata = "";
  const server: Server = createServer((request, response) => {
    if (request.url === "/metadata") {
      response.setHeader("content-type", "application/xml");
      response.end(metadata);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirect = saml.Constants.namespace.binding.redirect;
  const idpSettings = (encrypt: boolean) => ({
    entityID: `${base}/idp`,
    privateKey: key.privateKeyPem,
    signingCert: key.certificatePem,
    singleSignOnService: [{ Binding: redirect, Location: `${base}/sso` }],
    singleLogoutService: [{ Binding: redirect, Location: `${base}/slo` }],
    isAssertionEncrypted: encrypt,
    generateID: () => `_${randomBytes(16).toString("hex")}`,
  });
  metadata = saml.IdentityProvider(idpSettings(false)).getMetadata();
  const requests: SamlIdp["requests"] = [];

  const spFor = (sp: { entityId: string; acs: string; certificate: string }) =>
    saml.ServiceProvider({
      entityID: sp.entityId,
      assertionConsumerService: [{ Binding: saml.Constants.namespace.binding.post, Location: sp.acs }],
      signingCert: pem(sp.certificate),
      encryptCert: pem(sp.certificate),
      wantAssertionsSigned: true,
      wantLogoutResponseSigned: true,
      singleLogoutService: [{ Binding: saml.Constants.namespace.binding.post, Location: sp.acs.replace("/saml2/idpresponse", "/saml2/logout") }],
    });

  return {
    metadataUrl: `${base}/metadata`,
    metadata,
    entityId: `${base}/idp`,
    requests,
    async readRedirect(url, sp, requireSigned) {
      const idp = saml.IdentityProvider({ ...idpSettings(false), wantAuthnRequestsSigned: requireSigned });
      const query = Object.fromEntries(url.searchParams);
      const parsed = await idp.parseLoginRequest(spFor(sp), "redirect", { query, octetString: url.search.slice(1).replace(/&Signature=[^&]*/, "") });
      const id = String((parsed.extract.request as Record<string, string>).id);
      requests.push({ id, signed: url.searchParams.has("Signature") });
      return { id, relayState: url.searchParams.get("RelayState") ?? "" };
    },
    async readLogoutRedirect(url, sp) {
      const idp = saml.IdentityProvider({ ...idpSettings(false), wantLogoutRequestSigned: true });
      const query = Object.fromEntries(url.searchParams);
      const parsed = await idp.parseLogoutRequest(spFor(sp), "redirect", { query, octetString: url.search.slice(1).replace(/&Signature=[^&]*/, "") });
      const extract = parsed.extract as Record<string, any>;
      return { id: String(extract.request.id), nameId: String(extract.nameID), sessionIndex: String(extract.sessionIndex), relayState: url.searchParams.get("RelayState") ?? "" };
    },
    async logoutResponse(request, sp) {
      const idp = saml.IdentityProvider(idpSettings(false));
      const answer = idp.createLogoutResponse(spFor(sp), { extract: { request: { id: request.id } } }, "post", request.relayState) as { context: string };
      return { SAMLResponse: answer.context, RelayState: request.relayState };
    },
    async respond({ acs, spEntityId, spCertificate, user, inResponseTo, relayState, encrypt = false, now = new Date(), overrides = {} }) {
      const idp = saml.IdentityProvider(idpSettings(encrypt));
      const sp = spFor({ entityId: spEntityId, acs, certificate: spCertificate });
      const later = new Date(now.getTime() + 5 * 60_000);
      const id = `_${randomBytes(16).toString("hex")}`;
      const answered = overrides.inResponseTo ?? inResponseTo;
      const attributes = Object.entries(user.attributes)
        .map(
          ([name, values]) =>
            `<saml:Attribute Name="${xml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">` +
            values.map((value) => `<saml:AttributeValue xsi:type="xs:string">${xml(value)}</saml:AttributeValue>`).join("") +
            `</saml:Attribute>`,
        )
        .join("");
      const inResponseToAttribute = answered === undefined ? "" : ` InResponseTo="${xml(answered)}"`;
      const context =
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${xml(overrides.destination ?? acs)}"${inResponseToAttribute}>` +
        `<saml:Issuer>${base}/idp</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
        `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${now.toISOString()}">` +
        `<saml:Issuer>${base}/idp</saml:Issuer>` +
        `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${xml(user.nameId)}</saml:NameID>` +
        `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${(overrides.notOnOrAfter ?? later).toISOString()}" Recipient="${xml(overrides.recipient ?? acs)}"${inResponseToAttribute}/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${(overrides.notBefore ?? now).toISOString()}" NotOnOrAfter="${(overrides.notOnOrAfter ?? later).toISOString()}"><saml:AudienceRestriction><saml:Audience>${xml(overrides.audience ?? spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_s${randomBytes(8).toString("hex")}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        (attributes === "" ? "" : `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>`) +
        `</saml:Assertion></samlp:Response>`;
      const answer = (await idp.createLoginResponse(sp, { extract: {} }, "post", {}, { relayState, customTagReplacement: () => ({ id, context }) })) as {
        context: string;
      };
      return { SAMLResponse: answer.context, RelayState: relayState };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** GetSigningCertificate's base64 body as PEM. */
export function pem(body: string): string {
  return body.startsWith("-----") ? body : `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}
