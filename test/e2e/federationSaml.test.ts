import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminLinkProviderForUserCommand,
  AdminListGroupsForUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  GetSigningCertificateCommand,
  ResourceNotFoundException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import type { Clock } from "../../src/domain/clock.js";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { pem, startSamlIdp, type ResponseOverrides, type SamlIdp, type SamlIdpUser } from "../helpers/samlIdp.js";

const CALLBACK = "http://localhost:3000/callback";
const SIGNED_OUT = "http://localhost:3000/signed-out";

/** GetSigningCertificate's answer as a certificate: the base64 body Cognito returns, armoured again. */
function x509(body: string): X509Certificate {
  return new X509Certificate(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`);
}

for (const backend of backends) {
  describe(`SAML federation (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let idp: SamlIdp;
    let poolId: string;
    let clientId: string;
    let certificate: string;
    let acs: string;
    let spEntityId: string;
    let clockOffsetMs = 0;
    const clock: Clock = { now: async () => new Date(Date.now() + clockOffsetMs) };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      idp = await startSamlIdp();
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "saml", Schema: [
            { Name: "department", AttributeDataType: "String", Mutable: true },
            { Name: "teams", AttributeDataType: "String", Mutable: true },
          ] }),
      );
      poolId = UserPool!.Id!;
      acs = `${cognate.url}/saml2/idpresponse`;
      spEntityId = `urn:amazon:cognito:sp:${poolId}`;
      certificate = (await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }))).Certificate!;
      const mapping = { email: "email", name: "displayName", "custom:department": "department", "custom:teams": "teams" };
      // The same IdP three times: signed requests and plain assertions; encrypted assertions; IdP-initiated sign-in allowed.
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "Corp",
          ProviderType: "SAML",
          ProviderDetails: { MetadataURL: idp.metadataUrl, RequestSigningAlgorithm: "rsa-sha256", IDPSignout: "true" },
          AttributeMapping: mapping,
        }),
      );
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "CorpSealed",
          ProviderType: "SAML",
          ProviderDetails: { MetadataFile: idp.metadata, EncryptedResponses: "true" },
          AttributeMapping: mapping,
        }),
      );
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId: poolId,
          ProviderName: "CorpPortal",
          ProviderType: "SAML",
          ProviderDetails: { MetadataFile: idp.metadata, IDPInit: "true" },
          AttributeMapping: mapping,
          IdpIdentifiers: ["portal"],
        }),
      );
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: "web",
          SupportedIdentityProviders: ["COGNITO", "Corp", "CorpSealed", "CorpPortal"],
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email", "profile"],
          CallbackURLs: [CALLBACK],
          LogoutURLs: [SIGNED_OUT],
        }),
      );
      clientId = UserPoolClient!.ClientId!;
    });
    after(() => Promise.all([cognate.close(), idp.close()]));

    const ada: SamlIdpUser = {
      nameId: "ada@corp.example", attributes: { email: ["ada@corp.example"], displayName: ["Ada Lovelace"], department: ["Engines"], teams: ["analysis", "poetry"] },
    };

    /** GET /oauth2/authorize naming the provider: Cognate's AuthnRequest as the IdP reads it. */
    async function authnRequest(provider: string, requireSigned: boolean, state = "st"): Promise<{ id: string; relayState: string }> {
      const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email profile", state, identity_provider: provider });
      const response = await fetch(`${cognate.url}/oauth2/authorize?${query}`, { redirect: "manual" });
      assert.equal(response.status, 302);
      const location = new URL(response.headers.get("location")!);
      assert.equal(`${location.origin}${location.pathname}`, idp.metadataUrl.replace("/metadata", "/sso"), "to the IdP's SSO address of its metadata");
      return idp.readRedirect(location, { entityId: spEntityId, acs, certificate }, requireSigned);
    }

    /** The browser posting the IdP's auto-submitting form to Cognate's ACS: where Cognate sends it next. */
    async function post(form: { SAMLResponse: string; RelayState: string }): Promise<Response> {
      return fetch(acs, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
    }

    async function signInSpInitiated(provider: string, user: SamlIdpUser, options: { encrypt?: boolean; now?: Date; overrides?: ResponseOverrides } = {}): Promise<URL> {
      return (await signInWithSession(provider, user, options)).back;
    }

    /** An SP-initiated sign-in; where Cognate sends the browser back, and the managed-login session cookie it set. */
    async function signInWithSession(provider: string, user: SamlIdpUser, options: { encrypt?: boolean; now?: Date; overrides?: ResponseOverrides } = {}) {
      const request = await authnRequest(provider, provider === "Corp");
      const form = await idp.respond({ acs, spEntityId, spCertificate: certificate, user, inResponseTo: request.id, relayState: request.relayState, ...options });
      const response = await post(form);
      assert.equal(response.status, 302, await response.clone().text());
      const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("cognito="))?.split(";")[0];
      return { back: new URL(response.headers.get("location")!), session };
    }

    async function exchange(code: string): Promise<{ id_token: string; access_token: string }> {
      const response = await fetch(`${cognate.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, code, redirect_uri: CALLBACK }),
      });
      assert.equal(response.status, 200);
      return (await response.json()) as { id_token: string; access_token: string };
    }

    test("SP-initiated: a signed AuthnRequest, the IdP's signed assertion, an EXTERNAL_PROVIDER user with mapped attributes and group, tokens aws-jwt-verify accepts", async () => {
      const back = await signInSpInitiated("Corp", ada);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get("state"), "st");
      assert.equal(idp.requests.at(-1)!.signed, true, "signed with the pool's certificate, which the IdP verified");
      const tokens = await exchange(back.searchParams.get("code")!);

      const issuer = `${cognate.url}/${poolId}`;
      const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });
      const id = await JwtVerifier.create({ issuer, audience: clientId, jwksUri: `${issuer}/.well-known/jwks.json` }, { jwksCache }).verify(tokens.id_token);
      assert.equal(id["cognito:username"], "Corp_ada@corp.example");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_Corp`]);
      assert.equal(id.email, "ada@corp.example");
      assert.equal(id.name, "Ada Lovelace");
      assert.equal(id["custom:department"], "Engines");
      assert.equal(id["custom:teams"], "[analysis, poetry]", "several values as Cognito writes them");
      const identities = id.identities as Array<Record<string, unknown>>;
      assert.deepEqual({ ...identities[0], dateCreated: undefined }, {
        userId: "ada@corp.example",
        providerName: "Corp",
        providerType: "SAML",
        issuer: idp.entityId,
        primary: "true",
        dateCreated: undefined,
      });

      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Corp_ada@corp.example" }));
      assert.equal(user.UserStatus, "EXTERNAL_PROVIDER");
      assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "custom:department")?.Value, "Engines");
      const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "Corp_ada@corp.example" }));
      assert.deepEqual(groups.Groups!.map((group) => group.GroupName), [`${poolId}_Corp`]);
    });

    test("EncryptedResponses: an assertion encrypted to the pool's certificate signs in; a plain one is refused", async () => {
      const back = await signInSpInitiated("CorpSealed", { ...ada, nameId: "sealed-ada" }, { encrypt: true });
      assert.ok(back.searchParams.get("code"), back.href);
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "CorpSealed_sealed-ada" }));
      assert.equal(user.UserAttributes!.find((attribute) => attribute.Name === "name")?.Value, "Ada Lovelace");

      const plain = await signInSpInitiated("CorpSealed", { ...ada, nameId: "plain-ada" });
      assert.equal(plain.searchParams.get("error"), "invalid_request");
      assert.match(plain.searchParams.get("error_description")!, /SAML/);
      await rejectsWith(
        cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "CorpSealed_plain-ada" })),
        UserNotFoundException,
        "User does not exist.",
      );
    });

    test("a tampered, expired, early, misaddressed or unsolicited response is refused, back to the client, and creates no user", async () => {
      const past = new Date(Date.now() - 3_600_000);
      const cases: Array<[ResponseOverrides, string]> = [
        [{ audience: "urn:amazon:cognito:sp:us-east-1_other" }, "the SAML assertion is meant for another audience"],
        [{ recipient: "http://elsewhere.example/saml2/idpresponse" }, "the SAML assertion is meant for another recipient"],
        [{ destination: "http://elsewhere.example/saml2/idpresponse" }, "the SAML response is meant for another destination"],
        [{ notBefore: new Date(past.getTime() - 60_000), notOnOrAfter: past }, "the SAML assertion has expired"],
        [{ notBefore: new Date(Date.now() + 3_600_000) }, "the SAML assertion is not valid yet"],
        [{ inResponseTo: "_someOtherRequest" }, "the SAML response answers another request"],
      ];
      for (const [index, [overrides, reason]] of cases.entries()) {
        const back = await signInSpInitiated("Corp", { ...ada, nameId: `refused-${index}` }, { overrides });
        assert.equal(back.searchParams.get("error"), "invalid_request", reason);
        assert.equal(back.searchParams.get("state"), "st", reason);
        assert.equal(back.searchParams.get("error_description"), reason);
        assert.equal(back.searchParams.get("code"), null, reason);
      }

      const request = await authnRequest("Corp", true);
      const form = await idp.respond({ acs, spEntityId, spCertificate: certificate, user: { ...ada, nameId: "tampered" }, inResponseTo: request.id, relayState: request.relayState });
      const tampered = Buffer.from(form.SAMLResponse, "base64").toString("utf8").replace("Ada Lovelace", "Mallory");
      const response = await post({ ...form, SAMLResponse: Buffer.from(tampered).toString("base64") });
      const refused = new URL(response.headers.get("location")!);
      assert.equal(refused.searchParams.get("error"), "invalid_request");
      assert.equal(refused.searchParams.get("error_description"), "the SAML response is not validly signed by the identity provider");

      for (const username of [...cases.keys()].map((index) => `Corp_refused-${index}`).concat("Corp_tampered")) {
        await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })), UserNotFoundException, "User does not exist.");
      }
    });

    test("the assertion's time window is read on Cognate's clock, which the control API may move", async () => {
      clockOffsetMs = 30 * 60_000;
      try {
        const late = await signInSpInitiated("Corp", { ...ada, nameId: "clock-late" });
        assert.equal(late.searchParams.get("error_description"), "the SAML assertion has expired");
        const onTime = await signInSpInitiated("Corp", { ...ada, nameId: "clock-on-time" }, { now: new Date(Date.now() + clockOffsetMs) });
        assert.ok(onTime.searchParams.get("code"), onTime.href);
      } finally {
        clockOffsetMs = 0;
      }
    });

    test("IDPSignout: /logout sends a signed LogoutRequest to the IdP, whose LogoutResponse at /saml2/logout finishes at the sign-out URL", async () => {
      const { session } = await signInWithSession("Corp", { ...ada, nameId: "leaving-ada" });
      assert.ok(session, "the sign-in set the managed-login session");
      const logoutQuery = new URLSearchParams({ client_id: clientId, logout_uri: SIGNED_OUT });
      const logout = await fetch(`${cognate.url}/logout?${logoutQuery}`, { headers: { cookie: session }, redirect: "manual" });
      assert.equal(logout.status, 302);
      const atIdp = new URL(logout.headers.get("location")!);
      assert.equal(`${atIdp.origin}${atIdp.pathname}`, idp.metadataUrl.replace("/metadata", "/slo"));
      const sp = { entityId: spEntityId, acs, certificate };
      const request = await idp.readLogoutRedirect(atIdp, sp);
      assert.equal(request.nameId, "leaving-ada");
      assert.match(request.sessionIndex, /^_s/);

      const forged = await fetch(`${cognate.url}/saml2/logout`, {
        method: "POST",
        body: new URLSearchParams(await idp.logoutResponse({ id: request.id, relayState: "forged.state" }, sp)),
        redirect: "manual",
      });
      assert.equal(forged.status, 400);
      const unrelated = await fetch(`${cognate.url}/saml2/logout`, {
        method: "POST",
        body: new URLSearchParams(await idp.logoutResponse({ id: "_otherRequest", relayState: request.relayState }, sp)),
        redirect: "manual",
      });
      assert.equal(unrelated.status, 400);

      const done = await fetch(`${cognate.url}/saml2/logout`, {
        method: "POST",
        body: new URLSearchParams(await idp.logoutResponse(request, sp)),
        redirect: "manual",
      });
      assert.equal(done.status, 302);
      assert.equal(done.headers.get("location"), SIGNED_OUT);

      const again = await fetch(`${cognate.url}/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, prompt: "none" })}`, {
        headers: { cookie: session },
        redirect: "manual",
      });
      assert.equal(new URL(again.headers.get("location")!).searchParams.get("error"), "login_required", "the session at Cognate ended");
    });

    test("without IDPSignout /logout goes straight to the sign-out URL", async () => {
      const { session } = await signInWithSession("CorpSealed", { ...ada, nameId: "sealed-leaving" }, { encrypt: true });
      const logout = await fetch(`${cognate.url}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: SIGNED_OUT })}`, {
        headers: { cookie: session! },
        redirect: "manual",
      });
      assert.equal(logout.headers.get("location"), SIGNED_OUT);
    });

    test("AdminLinkProviderForUser by a SAML attribute: the identity with that email signs into the native user, whose identities gain Corp", async () => {
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "grace-native", MessageAction: "SUPPRESS" }));
      await cognito.send(
        new AdminLinkProviderForUserCommand({
          UserPoolId: poolId,
          DestinationUser: { ProviderName: "Cognito", ProviderAttributeValue: "grace-native" },
          SourceUser: { ProviderName: "Corp", ProviderAttributeName: "email", ProviderAttributeValue: "grace@corp.example" },
        }),
      );
      const grace: SamlIdpUser = { nameId: "grace-saml", attributes: { email: ["grace@corp.example"], displayName: ["Grace Hopper"] } };
      const back = await signInSpInitiated("Corp", grace);
      const tokens = await exchange(back.searchParams.get("code")!);
      const id = JSON.parse(Buffer.from(tokens.id_token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
      assert.equal(id["cognito:username"], "grace-native");
      assert.deepEqual(id["cognito:groups"], [`${poolId}_Corp`]);
      await rejectsWith(
        cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Corp_grace-saml" })),
        UserNotFoundException,
        "User does not exist.",
      );
    });

    test("an assertion is accepted once: posting the same response again is refused", async () => {
      const request = await authnRequest("Corp", true);
      const form = await idp.respond({ acs, spEntityId, spCertificate: certificate, user: { ...ada, nameId: "replayed" }, inResponseTo: request.id, relayState: request.relayState });
      const first = new URL((await post(form)).headers.get("location")!);
      assert.ok(first.searchParams.get("code"), first.href);
      const again = new URL((await post(form)).headers.get("location")!);
      assert.equal(again.searchParams.get("error"), "invalid_request");
      assert.equal(again.searchParams.get("error_description"), "the SAML assertion was already used");
    });

    test("a RelayState Cognate did not seal is refused on a page", async () => {
      const form = await idp.respond({ acs, spEntityId, spCertificate: certificate, user: ada, relayState: "forged.state" });
      const response = await post(form);
      assert.equal(response.status, 400);
    });

    test("IdP-initiated: with IDPInit the RelayState's authorize parameters sign in; a provider without IDPInit is refused", async () => {
      const relayState = (provider: string) =>
        new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK, scope: "openid email", identity_provider: provider }).toString();
      const form = await idp.respond({ acs, spEntityId, spCertificate: certificate, user: { ...ada, nameId: "portal-ada" }, relayState: relayState("CorpPortal") });
      const response = await post(form);
      assert.equal(response.status, 302);
      const back = new URL(response.headers.get("location")!);
      assert.ok(back.searchParams.get("code"), back.href);
      const tokens = await exchange(back.searchParams.get("code")!);
      assert.equal(JSON.parse(Buffer.from(tokens.id_token.split(".")[1]!, "base64url").toString())["cognito:username"], "CorpPortal_portal-ada");

      const refused = await post(await idp.respond({ acs, spEntityId, spCertificate: certificate, user: { ...ada, nameId: "corp-ada" }, relayState: relayState("Corp") }));
      assert.equal(new URL(refused.headers.get("location")!).searchParams.get("error"), "invalid_request");
      await rejectsWith(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "Corp_corp-ada" })), UserNotFoundException, "User does not exist.");

      const solicited = await post(
        await idp.respond({ acs, spEntityId, spCertificate: certificate, user: ada, inResponseTo: "_unknownRequest", relayState: relayState("CorpPortal") }),
      );
      assert.equal(new URL(solicited.headers.get("location")!).searchParams.get("error"), "invalid_request");
    });

    test("GetSigningCertificate: a self-signed ten-year certificate per pool, the same at every call", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "certified" }));
      const poolId = UserPool!.Id!;
      const { Certificate } = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      assert.match(Certificate!, /^MII[A-Za-z0-9+/]+=*$/, "the PEM body, without armour or line breaks");
      const certificate = x509(Certificate!);
      assert.equal(certificate.subject, `CN=${poolId}`);
      assert.equal(certificate.issuer, `CN=${poolId}`);
      assert.ok(certificate.verify(certificate.publicKey), "self-signed");
      assert.equal(certificate.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
      const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 86_400_000);
      assert.ok(Math.abs(years - 10) < 0.01, `valid for ${years} years`);

      const again = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      assert.equal(again.Certificate, Certificate);
      const { UserPool: other } = await cognito.send(new CreateUserPoolCommand({ PoolName: "another" }));
      const otherCertificate = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: other!.Id! }));
      assert.notEqual(otherCertificate.Certificate, Certificate);
    });

    test("GetSigningCertificate of an unknown or deleted pool is ResourceNotFoundException", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "short-lived" }));
      await cognito.send(new GetSigningCertificateCommand({ UserPoolId: UserPool!.Id! }));
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id! }));
      await rejectsWith(
        cognito.send(new GetSigningCertificateCommand({ UserPoolId: UserPool!.Id! })),
        ResourceNotFoundException,
        `User pool ${UserPool!.Id!} does not exist.`,
      );
      await rejectsWith(
        cognito.send(new GetSigningCertificateCommand({ UserPoolId: "us-east-1_doesNotExist" })),
        ResourceNotFoundException,
        "User pool us-east-1_doesNotExist does not exist.",
      );
    });
  });

  describe(`the UserFederation quota at /saml2/idpresponse (${backend})`, () => {
    let cognate: RunningCognate;
    before(async () => {
      cognate = await startCognate({ backend, env: { COGNATE_RATE_LIMITS: JSON.stringify({ UserFederation: 1 }) } });
    });
    after(() => cognate.close());

    test("SAML responses over the UserFederation rate are refused with 429 Rate exceeded", async () => {
      const answers = await Promise.all(
        [1, 2, 3].map(async () => {
          const response = await fetch(`${cognate.url}/saml2/idpresponse`, {
            method: "POST",
            body: new URLSearchParams({ SAMLResponse: "x", RelayState: "not-cognates" }),
            redirect: "manual",
          });
          return { status: response.status, body: await response.text() };
        }),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      assert.equal(statuses[0], 400, "the first response within the rate is checked (its RelayState is not Cognate's)");
      const throttled = answers.filter((answer) => answer.status === 429);
      assert.ok(throttled.length >= 1, `some response over the rate is throttled: ${statuses.join(", ")}`);
      assert.match(throttled[0]!.body, /Rate exceeded/);
    });
  });
}
