import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  DuplicateProviderException,
  GetIdentityProviderByIdentifierCommand,
  InvalidParameterException,
  ListIdentityProvidersCommand,
  ResourceNotFoundException,
  UpdateIdentityProviderCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

/** An external provider's published metadata on loopback: an OIDC discovery document and a SAML IdP metadata file. */
async function startMetadataServer(): Promise<{ url: string; close(): Promise<void> }> {
  let base = "";
  const server: Server = createServer((request, response) => {
    if (request.url === "/.well-known/openid-configuration") {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          issuer: base,
          authorization_endpoint: `${base}/auth`,
          token_endpoint: `${base}/token`,
          userinfo_endpoint: `${base}/me`,
          jwks_uri: `${base}/jwks`,
        }),
      );
    } else if (request.url === "/saml/metadata") {
      response.setHeader("content-type", "application/xml");
      response.end(samlMetadata(base));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function samlMetadata(base: string): string {
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${base}/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/saml/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${base}/saml/sso-post"/>
    <md:SingleSignOnService Location="${base}/saml/sso?tenant=a&amp;b=c" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

const OIDC_DETAILS = { client_id: "cognate", client_secret: "idp-secret", authorize_scopes: "openid email", attributes_request_method: "GET" };

for (const backend of backends) {
  describe(`identity providers through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let idp: { url: string; close(): Promise<void> };
    before(async () => {
      [cognate, idp] = await Promise.all([startCognate({ backend }), startMetadataServer()]);
      cognito = cognate.client();
    });
    after(() => Promise.all([cognate.close(), idp.close()]));

    async function newPool(): Promise<string> {
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({ PoolName: "federation", Schema: [{ Name: "tenant", AttributeDataType: "String" }] }),
      );
      return UserPool!.Id!;
    }

    test("an OIDC provider is created with its endpoints discovered, described, found by identifier, listed, updated and deleted", async () => {
      const UserPoolId = await newPool();
      const created = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "CorpIdP",
          ProviderType: "OIDC",
          ProviderDetails: { ...OIDC_DETAILS, oidc_issuer: idp.url, unknown_key: "dropped" },
          AttributeMapping: { email: "email", "custom:tenant": "tenant" },
          IdpIdentifiers: ["corp.example.com"],
        }),
      );
      const provider = created.IdentityProvider!;
      assert.deepEqual(provider.ProviderDetails, {
        attributes_request_method: "GET",
        attributes_url: `${idp.url}/me`,
        attributes_url_add_attributes: "false",
        authorize_scopes: "openid email",
        authorize_url: `${idp.url}/auth`,
        client_id: "cognate",
        client_secret: "idp-secret",
        jwks_uri: `${idp.url}/jwks`,
        oidc_issuer: idp.url,
        token_url: `${idp.url}/token`,
      });
      // Cognito maps username to the subject when the request does not.
      assert.deepEqual(provider.AttributeMapping, { "custom:tenant": "tenant", email: "email", username: "sub" });
      assert.deepEqual(provider.IdpIdentifiers, ["corp.example.com"]);
      assert.equal(provider.ProviderType, "OIDC");
      assert.ok(provider.CreationDate instanceof Date);

      const described = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: "CorpIdP" }));
      assert.deepEqual(described.IdentityProvider, provider);
      const byIdentifier = await cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId, IdpIdentifier: "corp.example.com" }));
      assert.deepEqual(byIdentifier.IdentityProvider, provider);

      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "g", client_secret: "gs", authorize_scopes: "openid email profile" },
        }),
      );
      const first = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId, MaxResults: 1 }));
      assert.deepEqual(
        first.Providers?.map((p) => [p.ProviderName, p.ProviderType]),
        [["CorpIdP", "OIDC"]],
      );
      const second = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId, MaxResults: 1, NextToken: first.NextToken! }));
      assert.deepEqual(
        second.Providers?.map((p) => [p.ProviderName, p.ProviderType]),
        [["Google", "Google"]],
      );
      assert.equal(second.NextToken, undefined);

      // The secret needs not be sent again; the mapping and identifiers given replace the old ones.
      const updated = await cognito.send(
        new UpdateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "CorpIdP",
          ProviderDetails: { authorize_scopes: "openid", token_url: `${idp.url}/other-token` },
          AttributeMapping: { email: "mail" },
          IdpIdentifiers: ["corp"],
        }),
      );
      assert.equal(updated.IdentityProvider!.ProviderDetails!.client_secret, "idp-secret");
      assert.equal(updated.IdentityProvider!.ProviderDetails!.authorize_scopes, "openid");
      assert.equal(updated.IdentityProvider!.ProviderDetails!.token_url, `${idp.url}/other-token`);
      assert.deepEqual(updated.IdentityProvider!.AttributeMapping, { email: "mail", username: "sub" });
      assert.deepEqual(updated.IdentityProvider!.IdpIdentifiers, ["corp"]);
      await rejectsWith(
        cognito.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId, IdpIdentifier: "corp.example.com" })),
        ResourceNotFoundException,
        "Identity provider with identifier corp.example.com does not exist.",
      );

      await cognito.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: "CorpIdP" }));
      await rejectsWith(
        cognito.send(new DescribeIdentityProviderCommand({ UserPoolId, ProviderName: "CorpIdP" })),
        ResourceNotFoundException,
        "Identity provider CorpIdP does not exist.",
      );
      await rejectsWith(
        cognito.send(new DeleteIdentityProviderCommand({ UserPoolId, ProviderName: "CorpIdP" })),
        ResourceNotFoundException,
        "Identity provider CorpIdP does not exist.",
      );
    });

    test("social providers are named as their type and described with Cognito's endpoints unless the request points them elsewhere", async () => {
      const UserPoolId = await newPool();
      const google = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "Google",
          ProviderType: "Google",
          ProviderDetails: { client_id: "g.apps.googleusercontent.com", client_secret: "gs", authorize_scopes: "email profile openid" },
        }),
      );
      assert.deepEqual(google.IdentityProvider!.ProviderDetails, {
        attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
        attributes_url_add_attributes: "true",
        authorize_scopes: "email profile openid",
        authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
        client_id: "g.apps.googleusercontent.com",
        client_secret: "gs",
        oidc_issuer: "https://accounts.google.com",
        token_request_method: "POST",
        token_url: "https://www.googleapis.com/oauth2/v4/token",
      });

      const facebook = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "Facebook",
          ProviderType: "Facebook",
          ProviderDetails: { client_id: "f", client_secret: "fs", authorize_scopes: "public_profile, email", api_version: "v18.0" },
        }),
      );
      assert.equal(facebook.IdentityProvider!.ProviderDetails!.authorize_url, "https://www.facebook.com/v18.0/dialog/oauth");
      assert.equal(facebook.IdentityProvider!.ProviderDetails!.token_request_method, "GET");
      assert.deepEqual(facebook.IdentityProvider!.AttributeMapping, { username: "id" });

      // Apple's private key is kept but never described; a local stand-in's endpoints replace Apple's.
      const apple = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "SignInWithApple",
          ProviderType: "SignInWithApple",
          ProviderDetails: {
            client_id: "com.example.cognito",
            team_id: "TEAM",
            key_id: "KEY",
            private_key: "-----BEGIN PRIVATE KEY-----x",
            authorize_scopes: "email name",
            authorize_url: `${idp.url}/apple/authorize`,
          },
        }),
      );
      assert.equal(apple.IdentityProvider!.ProviderDetails!.private_key, undefined);
      assert.equal(apple.IdentityProvider!.ProviderDetails!.authorize_url, `${idp.url}/apple/authorize`);
      assert.equal(apple.IdentityProvider!.ProviderDetails!.token_url, "https://appleid.apple.com/auth/token");

      const amazon = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "LoginWithAmazon",
          ProviderType: "LoginWithAmazon",
          ProviderDetails: { client_id: "amzn1", client_secret: "as", authorize_scopes: "profile" },
        }),
      );
      assert.equal(amazon.IdentityProvider!.ProviderDetails!.attributes_url, "https://api.amazon.com/user/profile");
      assert.deepEqual(amazon.IdentityProvider!.AttributeMapping, { username: "user_id" });

      await rejectsWith(
        cognito.send(
          new CreateIdentityProviderCommand({
            UserPoolId,
            ProviderName: "NameOfGP",
            ProviderType: "Google",
            ProviderDetails: { client_id: "g", client_secret: "gs", authorize_scopes: "openid" },
          }),
        ),
        InvalidParameterException,
        "Provider NameOfGP cannot be of type Google.",
      );
      await rejectsWith(
        cognito.send(
          new CreateIdentityProviderCommand({
            UserPoolId,
            ProviderName: "Google",
            ProviderType: "Google",
            ProviderDetails: { client_id: "g", client_secret: "gs", authorize_scopes: "openid" },
          }),
        ),
        DuplicateProviderException,
        `Google already exists in user pool ${UserPoolId}`,
      );
    });

    test("a SAML provider reads its sign-in and sign-out addresses from a metadata URL or file", async () => {
      const UserPoolId = await newPool();
      const fromUrl = await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "CorpSAML",
          ProviderType: "SAML",
          ProviderDetails: { MetadataURL: `${idp.url}/saml/metadata`, IDPSignout: "true" },
          AttributeMapping: { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" },
        }),
      );
      assert.deepEqual(fromUrl.IdentityProvider!.ProviderDetails, {
        IDPSignout: "true",
        MetadataURL: `${idp.url}/saml/metadata`,
        SLORedirectBindingURI: `${idp.url}/saml/slo`,
        SSORedirectBindingURI: `${idp.url}/saml/sso?tenant=a&b=c`,
      });
      assert.deepEqual(fromUrl.IdentityProvider!.AttributeMapping, { email: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" });

      const fromFile = await cognito.send(
        new UpdateIdentityProviderCommand({ UserPoolId, ProviderName: "CorpSAML", ProviderDetails: { MetadataFile: samlMetadata("https://idp.example") } }),
      );
      assert.equal(fromFile.IdentityProvider!.ProviderDetails!.MetadataURL, undefined);
      assert.equal(fromFile.IdentityProvider!.ProviderDetails!.SSORedirectBindingURI, "https://idp.example/saml/sso?tenant=a&b=c");
      assert.equal(fromFile.IdentityProvider!.ProviderDetails!.IDPSignout, "true");

      for (const [ProviderDetails, message] of [
        [{}, "Exactly one of MetadataFile or MetadataURL must be given."],
        [{ MetadataFile: "<not-metadata/>" }, "Unable to read the SAML metadata: no IDPSSODescriptor with an HTTP-Redirect SingleSignOnService."],
        [{ MetadataURL: `${idp.url}/missing` }, `Unable to read the SAML metadata: ${idp.url}/missing did not answer.`],
        [{ MetadataFile: samlMetadata("https://x"), RequestSigningAlgorithm: "rsa-sha1" }, "Invalid value for RequestSigningAlgorithm; expected rsa-sha256."],
      ] as const) {
        await rejectsWith(
          cognito.send(new CreateIdentityProviderCommand({ UserPoolId, ProviderName: "Other", ProviderType: "SAML", ProviderDetails })),
          InvalidParameterException,
          message,
        );
      }
    });

    test("bad details, mappings and identifiers are refused and change nothing", async () => {
      const UserPoolId = await newPool();
      const create = (ProviderName: string, ProviderDetails: Record<string, string>, more: object = {}) =>
        cognito.send(new CreateIdentityProviderCommand({ UserPoolId, ProviderName, ProviderType: "OIDC", ProviderDetails, ...more }));

      await rejectsWith(create("Alpha", { ...OIDC_DETAILS }), InvalidParameterException, "oidc_issuer is required for provider type OIDC.");
      await rejectsWith(
        create("Alpha", { ...OIDC_DETAILS, oidc_issuer: idp.url, attributes_request_method: "PUT" }),
        InvalidParameterException,
        "Invalid value for attributes_request_method; expected GET or POST.",
      );
      await rejectsWith(
        create("Alpha", { ...OIDC_DETAILS, oidc_issuer: `${idp.url}/nowhere` }),
        InvalidParameterException,
        `Unable to discover the OIDC endpoints of ${idp.url}/nowhere; give authorize_url, token_url, attributes_url and jwks_uri.`,
      );
      await rejectsWith(
        create("Alpha", { ...OIDC_DETAILS, oidc_issuer: idp.url }, { AttributeMapping: { shoe_size: "size" } }),
        InvalidParameterException,
        "Attribute shoe_size in AttributeMapping does not exist in the user pool.",
      );
      await rejectsWith(create("Cognito", { ...OIDC_DETAILS, oidc_issuer: idp.url }), InvalidParameterException, "Provider name Cognito is reserved.");

      // Explicit endpoints need no discovery.
      const explicit = { authorize_url: "https://a/auth", token_url: "https://a/token", attributes_url: "https://a/me", jwks_uri: "https://a/jwks" };
      await create("Alpha", { ...OIDC_DETAILS, oidc_issuer: "https://unreachable.invalid", ...explicit }, { IdpIdentifiers: ["shared"] });
      await rejectsWith(
        create("Beta", { ...OIDC_DETAILS, oidc_issuer: "https://unreachable.invalid", ...explicit }, { IdpIdentifiers: ["shared"] }),
        DuplicateProviderException,
        `Identifier shared already exists in user pool ${UserPoolId}`,
      );
      const listed = await cognito.send(new ListIdentityProvidersCommand({ UserPoolId }));
      assert.deepEqual(
        listed.Providers?.map((p) => p.ProviderName),
        ["Alpha"],
      );
      await rejectsWith(
        cognito.send(new UpdateIdentityProviderCommand({ UserPoolId, ProviderName: "Missing", AttributeMapping: {} })),
        ResourceNotFoundException,
        "Identity provider Missing does not exist.",
      );
    });

    test("app clients may name the pool's providers in SupportedIdentityProviders, and only those", async () => {
      const UserPoolId = await newPool();
      await rejectsWith(
        cognito.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: "web", SupportedIdentityProviders: ["COGNITO", "CorpIdP"] })),
        InvalidParameterException,
        `The provider CorpIdP does not exist for User Pool ${UserPoolId}`,
      );
      await cognito.send(
        new CreateIdentityProviderCommand({
          UserPoolId,
          ProviderName: "CorpIdP",
          ProviderType: "OIDC",
          ProviderDetails: { ...OIDC_DETAILS, oidc_issuer: idp.url },
        }),
      );
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId, ClientName: "web", SupportedIdentityProviders: ["COGNITO", "CorpIdP"] }),
      );
      assert.deepEqual(UserPoolClient!.SupportedIdentityProviders, ["COGNITO", "CorpIdP"]);
      await rejectsWith(
        cognito.send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId: UserPoolClient!.ClientId!, SupportedIdentityProviders: ["corpidp"] })),
        InvalidParameterException,
        `The provider corpidp does not exist for User Pool ${UserPoolId}`,
      );
    });
  });
}
