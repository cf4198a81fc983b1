import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  InvalidOAuthFlowException,
  InvalidParameterException,
  ListUserPoolClientsCommand,
  ResourceNotFoundException,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
  type UpdateUserPoolClientCommandInput,
  type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";


const MISSING_CLIENT_ID = "0000000000000000000000000a";

for (const backend of backends) {
  describe(`app clients through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let poolId: string;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      poolId = await newPool();
    });
    after(() => cognate.close());

    async function newPool(settings: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "clients", ...settings }));
      return UserPool!.Id!;
    }

    async function newClient(settings: Partial<CreateUserPoolClientCommandInput> = {}): Promise<UserPoolClientType> {
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ...settings }),
      );
      return UserPoolClient!;
    }

    function create(settings: Partial<CreateUserPoolClientCommandInput>): Promise<unknown> {
      return cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ...settings }));
    }

    async function update(clientId: string, settings: Partial<UpdateUserPoolClientCommandInput>): Promise<UserPoolClientType> {
      const { UserPoolClient } = await cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ...settings }),
      );
      return UserPoolClient!;
    }

    async function describeClient(clientId: string, UserPoolId = poolId): Promise<UserPoolClientType> {
      const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: clientId }));
      return UserPoolClient!;
    }

    describe("CreateUserPoolClient", () => {
      test("a client created with only a name has a 26-character id and exactly the settings Cognito reports by default", async () => {
        const client = await newClient({ ClientName: "plain" });
        assert.match(client.ClientId!, /^[a-z0-9]{26}$/);
        assert.ok(client.CreationDate instanceof Date);
        assert.ok(Math.abs(client.CreationDate.getTime() - Date.now()) < 60_000, "dates are epoch seconds on the wire");
        assert.equal(client.LastModifiedDate?.getTime(), client.CreationDate.getTime());
        const { ClientId: _id, CreationDate: _created, LastModifiedDate: _modified, ...settings } = client;
        assert.deepEqual(settings, {
          UserPoolId: poolId,
          ClientName: "plain",
          RefreshTokenValidity: 30,
          TokenValidityUnits: {},
          AllowedOAuthFlowsUserPoolClient: false,
          EnableTokenRevocation: true,
          EnablePropagateAdditionalUserContextData: false,
          AuthSessionValidity: 3,
        });
      });

      test("GenerateSecret gives the client a secret of lowercase alphanumerics, returned by Create, Describe and Update", async () => {
        const client = await newClient({ GenerateSecret: true });
        assert.match(client.ClientSecret!, /^[a-z0-9]{48,52}$/);
        assert.equal((await describeClient(client.ClientId!)).ClientSecret, client.ClientSecret);
        assert.equal((await update(client.ClientId!, { ClientName: "renamed" })).ClientSecret, client.ClientSecret);
        assert.notEqual((await newClient({ GenerateSecret: true })).ClientSecret, client.ClientSecret);
      });

      test("a client secret given by the caller is kept; together with GenerateSecret it is refused", async () => {
        const secret = "my_own_client_secret_0123456789";
        const client = await newClient({ ClientSecret: secret });
        assert.equal((await describeClient(client.ClientId!)).ClientSecret, secret);
        await rejectsWith(
          create({ GenerateSecret: true, ClientSecret: secret }),
          InvalidParameterException,
          "You cannot specify both GenerateSecret as true and provide a ClientSecret value.",
        );
      });

      test("every setting given is stored and described back as given", async () => {
        const settings = {
          ClientName: "full",
          RefreshTokenValidity: 12,
          AccessTokenValidity: 30,
          IdTokenValidity: 45,
          TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "hours" },
          ReadAttributes: ["email", "name", "email_verified"],
          WriteAttributes: ["email", "name"],
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          SupportedIdentityProviders: ["COGNITO"],
          CallbackURLs: ["https://app.example.com/callback", "http://localhost:3000/callback"],
          LogoutURLs: ["https://app.example.com/"],
          DefaultRedirectURI: "https://app.example.com/callback",
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email"],
          AllowedOAuthFlowsUserPoolClient: true,
          AnalyticsConfiguration: { ApplicationId: "0123456789abcdef0123456789abcdef", UserDataShared: false },
          PreventUserExistenceErrors: "ENABLED",
          EnableTokenRevocation: false,
          EnablePropagateAdditionalUserContextData: false,
          AuthSessionValidity: 15,
          RefreshTokenRotation: { Feature: "ENABLED", RetryGracePeriodSeconds: 10 },
        } satisfies Partial<CreateUserPoolClientCommandInput>;
        const created = await newClient(settings);
        const described = await describeClient(created.ClientId!);
        assert.deepEqual(described, created);
        const { ClientId: _id, CreationDate: _created, LastModifiedDate: _modified, UserPoolId, ...stored } = described;
        assert.equal(UserPoolId, poolId);
        assert.deepEqual(stored, settings);
      });

      test("JSON null members count as absent", async () => {
        const response = await callRaw(cognate, "CreateUserPoolClient", {
          UserPoolId: poolId,
          ClientName: "nulls",
          GenerateSecret: true,
          ClientSecret: null,
          ReadAttributes: null,
          ExplicitAuthFlows: null,
          TokenValidityUnits: { AccessToken: null, RefreshToken: "hours" },
          RefreshTokenRotation: null,
        });
        assert.equal(response.status, 200);
        const { UserPoolClient } = (await response.json()) as { UserPoolClient: Record<string, unknown> };
        assert.match(String(UserPoolClient.ClientSecret), /^[a-z0-9]{48,52}$/);
        assert.deepEqual(UserPoolClient.TokenValidityUnits, { RefreshToken: "hours" });
        for (const absent of ["ReadAttributes", "ExplicitAuthFlows", "RefreshTokenRotation"]) {
          assert.equal(absent in UserPoolClient, false, absent);
        }
      });

      test("a pool of another region, or no pool, is ResourceNotFoundException", async () => {
        await rejectsWith(
          cognito.send(new CreateUserPoolClientCommand({ UserPoolId: "us-east-1_nosuchpoo", ClientName: "app" })),
          ResourceNotFoundException,
          "User pool us-east-1_nosuchpoo does not exist.",
        );
        const europe = cognate.client({ region: "eu-west-1" });
        await rejectsWith(
          europe.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app" })),
          ResourceNotFoundException,
          `User pool ${poolId} does not exist.`,
        );
      });
    });

    describe("token validity", () => {
      test("validities are read in their units, and a zero refresh validity means 30 days", async () => {
        const seconds = await newClient({
          AccessTokenValidity: 300,
          IdTokenValidity: 86_400,
          RefreshTokenValidity: 3600,
          TokenValidityUnits: { AccessToken: "seconds", IdToken: "seconds", RefreshToken: "seconds" },
        });
        assert.equal(seconds.AccessTokenValidity, 300);
        assert.deepEqual(seconds.TokenValidityUnits, { AccessToken: "seconds", IdToken: "seconds", RefreshToken: "seconds" });
        const days = await newClient({ AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: "days" }, RefreshTokenValidity: 3650 });
        assert.equal(days.AccessTokenValidity, 1);
        assert.equal(days.RefreshTokenValidity, 3650);
        assert.equal((await newClient({ RefreshTokenValidity: 0 })).RefreshTokenValidity, 30);
      });

      test("a refresh unit without a refresh validity keeps the 30-day default, written in that unit", async () => {
        const client = await newClient({ TokenValidityUnits: { RefreshToken: "hours" } });
        assert.equal(client.RefreshTokenValidity, 720);
        assert.deepEqual(client.TokenValidityUnits, { RefreshToken: "hours" });
      });

      for (const [name, settings] of [
        ["an access token under 5 minutes", { AccessTokenValidity: 299, TokenValidityUnits: { AccessToken: "seconds" } }],
        ["an ID token over a day", { IdTokenValidity: 25 }],
        ["a refresh token under an hour", { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: "minutes" } }],
        ["a refresh token over ten years", { RefreshTokenValidity: 3651 }],
      ] as const) {
        test(`${name} is InvalidParameterException: Invalid range for token validity.`, async () => {
          await rejectsWith(create(settings), InvalidParameterException, "Invalid range for token validity.");
        });
      }
    });

    describe("explicit auth flows", () => {
      test("legacy flow names alone are accepted and described as given", async () => {
        const client = await newClient({ ExplicitAuthFlows: ["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"] });
        assert.deepEqual(client.ExplicitAuthFlows, ["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"]);
      });

      test("legacy flow names mixed with ALLOW_ values are InvalidParameterException", async () => {
        await rejectsWith(
          create({ ExplicitAuthFlows: ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
          InvalidParameterException,
          "Values with ALLOW_ prefix cannot be used along with values without ALLOW_ prefix.",
        );
      });

      test("ALLOW_ flows without ALLOW_REFRESH_TOKEN_AUTH are InvalidParameterException", async () => {
        await rejectsWith(
          create({ ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH"] }),
          InvalidParameterException,
          "REFRESH_TOKEN_AUTH should always be allowed.",
        );
      });
    });

    describe("read and write attributes", () => {
      let strictPool: string;
      before(async () => {
        strictPool = await newPool({
          Schema: [
            { Name: "email", Required: true, Mutable: true },
            { Name: "team", AttributeDataType: "String", Mutable: true },
          ],
        });
      });

      test("custom attributes may be listed by their custom: names", async () => {
        const { UserPoolClient } = await cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId: strictPool,
            ClientName: "app",
            ReadAttributes: ["email", "custom:team"],
            WriteAttributes: ["email", "custom:team"],
          }),
        );
        assert.deepEqual(UserPoolClient!.WriteAttributes, ["email", "custom:team"]);
      });

      test("a read attribute the pool does not have is InvalidParameterException", async () => {
        await rejectsWith(
          cognito.send(
            new CreateUserPoolClientCommand({ UserPoolId: strictPool, ClientName: "app", ReadAttributes: ["custom:nope"] }),
          ),
          InvalidParameterException,
          "Invalid read attributes specified while creating a client",
        );
      });

      test("write attributes that users cannot set, or that leave out a required attribute, are InvalidParameterException", async () => {
        for (const WriteAttributes of [["email", "email_verified"], ["email", "sub"], ["email", "custom:nope"], ["name"]]) {
          await rejectsWith(
            cognito.send(new CreateUserPoolClientCommand({ UserPoolId: strictPool, ClientName: "app", WriteAttributes })),
            InvalidParameterException,
            "Invalid write attributes specified while creating a client",
          );
        }
      });

      test("UpdateUserPoolClient words the same refusals for updating", async () => {
        const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: strictPool, ClientName: "app" }));
        const ClientId = UserPoolClient!.ClientId!;
        await rejectsWith(
          cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: strictPool, ClientId, ReadAttributes: ["nope"] })),
          InvalidParameterException,
          "Invalid read attributes specified while updating a client",
        );
        await rejectsWith(
          cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: strictPool, ClientId, WriteAttributes: ["name"] })),
          InvalidParameterException,
          "Invalid write attributes specified while updating a client",
        );
      });
    });

    describe("OAuth settings", () => {
      test("turning OAuth on without flows and scopes is InvalidParameterException", async () => {
        await rejectsWith(
          create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code"], CallbackURLs: ["https://a.example/cb"] }),
          InvalidParameterException,
          "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
        );
      });

      test("code and implicit flows need callback URLs", async () => {
        await rejectsWith(
          create({ AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["implicit"], AllowedOAuthScopes: ["openid"] }),
          InvalidOAuthFlowException,
          "CallbackUrls can not be empty when code flow or implicit flow is selected",
        );
      });

      test("client_credentials stands alone, needs a secret, and carries no user scopes", async () => {
        const base = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ["orders/read"] };
        await rejectsWith(
          create({ ...base, GenerateSecret: true, AllowedOAuthFlows: ["client_credentials", "code"], CallbackURLs: ["https://a.example/cb"] }),
          InvalidOAuthFlowException,
          "client_credentials flow can not be selected along with code flow or implicit flow.",
        );
        await rejectsWith(
          create({ ...base, AllowedOAuthFlows: ["client_credentials"] }),
          InvalidOAuthFlowException,
          "client_credentials flow can not be selected if client does not have a client secret.",
        );
        await rejectsWith(
          create({ ...base, GenerateSecret: true, AllowedOAuthFlows: ["client_credentials"], AllowedOAuthScopes: ["openid", "orders/read"] }),
          InvalidOAuthFlowException,
          "openid is not supported with client_credentials flow",
        );
        await cognito.send(
          new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "orders", Name: "Orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read orders" }] }),
        );
        const machine = await newClient({ ...base, GenerateSecret: true, AllowedOAuthFlows: ["client_credentials"] });
        assert.deepEqual(machine.AllowedOAuthFlows, ["client_credentials"]);
      });

      test("a default redirect URI outside the callback URLs is InvalidParameterException", async () => {
        await rejectsWith(
          create({ CallbackURLs: ["https://a.example/cb"], DefaultRedirectURI: "https://b.example/cb" }),
          InvalidParameterException,
          "DefaultRedirectURI must be in the CallbackURLs list.",
        );
      });

      test("an identity provider the pool does not have is InvalidParameterException", async () => {
        await rejectsWith(
          create({ SupportedIdentityProviders: ["COGNITO", "Google"] }),
          InvalidParameterException,
          `The provider Google does not exist for User Pool ${poolId}`,
        );
      });
    });

    describe("DescribeUserPoolClient", () => {
      test("an unknown client, or one of another pool, is ResourceNotFoundException naming the client", async () => {
        await rejectsWith(
          describeClient(MISSING_CLIENT_ID),
          ResourceNotFoundException,
          `User pool client ${MISSING_CLIENT_ID} does not exist.`,
        );
        const client = await newClient();
        const otherPool = await newPool();
        await rejectsWith(
          describeClient(client.ClientId!, otherPool),
          ResourceNotFoundException,
          `User pool client ${client.ClientId} does not exist.`,
        );
      });

      test("an unknown pool is reported before the client", async () => {
        await rejectsWith(
          describeClient(MISSING_CLIENT_ID, "us-east-1_nosuchpoo"),
          ResourceNotFoundException,
          "User pool us-east-1_nosuchpoo does not exist.",
        );
      });
    });

    describe("UpdateUserPoolClient", () => {
      test("settings the request leaves out return to their defaults; the name, secret and creation date stay", async () => {
        const client = await newClient({
          ClientName: "configured",
          GenerateSecret: true,
          AccessTokenValidity: 2,
          ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          PreventUserExistenceErrors: "ENABLED",
          EnableTokenRevocation: false,
          AuthSessionValidity: 10,
          ReadAttributes: ["email"],
        });
        await advanceClock(cognate, 5);
        const updated = await update(client.ClientId!, { IdTokenValidity: 3 });
        const { LastModifiedDate, ...rest } = updated;
        assert.deepEqual(rest, {
          UserPoolId: poolId,
          ClientName: "configured",
          ClientId: client.ClientId,
          ClientSecret: client.ClientSecret,
          CreationDate: client.CreationDate,
          RefreshTokenValidity: 30,
          IdTokenValidity: 3,
          TokenValidityUnits: {},
          AllowedOAuthFlowsUserPoolClient: false,
          EnableTokenRevocation: true,
          EnablePropagateAdditionalUserContextData: false,
          AuthSessionValidity: 3,
        });
        assert.ok(LastModifiedDate!.getTime() >= client.LastModifiedDate!.getTime() + 5000);
        assert.deepEqual(await describeClient(client.ClientId!), updated);
      });

      test("an invalid update changes nothing", async () => {
        const client = await newClient({ AuthSessionValidity: 7 });
        await rejectsWith(
          update(client.ClientId!, { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: "days" } }),
          InvalidParameterException,
          "Invalid range for token validity.",
        );
        assert.deepEqual(await describeClient(client.ClientId!), client);
      });

      test("an unknown client is ResourceNotFoundException", async () => {
        await rejectsWith(update(MISSING_CLIENT_ID, {}), ResourceNotFoundException, `User pool client ${MISSING_CLIENT_ID} does not exist.`);
      });
    });

    describe("DeleteUserPoolClient", () => {
      test("a deleted client is gone: describing or deleting it again is ResourceNotFoundException", async () => {
        const client = await newClient();
        await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId }));
        const gone = `User pool client ${client.ClientId} does not exist.`;
        await rejectsWith(describeClient(client.ClientId!), ResourceNotFoundException, gone);
        await rejectsWith(
          cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId })),
          ResourceNotFoundException,
          gone,
        );
      });

      test("a client is deleted only through its own pool", async () => {
        const client = await newClient();
        const otherPool = await newPool();
        await rejectsWith(
          cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: otherPool, ClientId: client.ClientId })),
          ResourceNotFoundException,
          `User pool client ${client.ClientId} does not exist.`,
        );
        assert.equal((await describeClient(client.ClientId!)).ClientId, client.ClientId);
      });

      test("deleting a pool takes its clients with it", async () => {
        const doomedPool = await newPool();
        const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: doomedPool, ClientName: "app" }));
        await cognito.send(new DeleteUserPoolCommand({ UserPoolId: doomedPool }));
        const revived = await newPool();
        await rejectsWith(
          describeClient(UserPoolClient!.ClientId!, revived),
          ResourceNotFoundException,
          `User pool client ${UserPoolClient!.ClientId} does not exist.`,
        );
      });
    });

    describe("ListUserPoolClients", () => {
      test("pages through every client of the pool once, describing each by id, pool and name", async () => {
        const listedPool = await newPool();
        const created = new Map<string, string>();
        for (let i = 0; i < 5; i++) {
          const { UserPoolClient } = await cognito.send(
            new CreateUserPoolClientCommand({ UserPoolId: listedPool, ClientName: `client-${i}`, GenerateSecret: true }),
          );
          created.set(UserPoolClient!.ClientId!, `client-${i}`);
        }
        const seen: string[] = [];
        let NextToken: string | undefined;
        do {
          const page = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: listedPool, MaxResults: 2, NextToken }));
          assert.ok(page.UserPoolClients!.length <= 2);
          for (const description of page.UserPoolClients!) {
            assert.deepEqual(description, {
              ClientId: description.ClientId,
              UserPoolId: listedPool,
              ClientName: created.get(description.ClientId!),
            });
            seen.push(description.ClientId!);
          }
          NextToken = page.NextToken;
        } while (NextToken !== undefined);
        assert.deepEqual(seen, [...created.keys()]);
      });

      test("without MaxResults a small pool comes back in one page", async () => {
        const smallPool = await newPool();
        for (let i = 0; i < 3; i++) {
          await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: smallPool, ClientName: `client-${i}` }));
        }
        const { UserPoolClients, NextToken } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: smallPool }));
        assert.equal(UserPoolClients!.length, 3);
        assert.equal(NextToken, undefined);
      });

      test("a forged NextToken, or one from another pool's listing, is InvalidParameterException", async () => {
        const first = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 }));
        assert.ok(first.NextToken !== undefined);
        const otherPool = await newPool();
        for (const [UserPoolId, NextToken] of [
          [otherPool, first.NextToken],
          [poolId, "not-a-token"],
        ] as const) {
          await rejectsWith(
            cognito.send(new ListUserPoolClientsCommand({ UserPoolId, NextToken })),
            InvalidParameterException,
            "Invalid NextToken.",
          );
        }
      });

      test("an unknown pool is ResourceNotFoundException", async () => {
        await rejectsWith(
          cognito.send(new ListUserPoolClientsCommand({ UserPoolId: "us-east-1_nosuchpoo" })),
          ResourceNotFoundException,
          "User pool us-east-1_nosuchpoo does not exist.",
        );
      });
    });
  });
}

/** Sends a request body the SDK cannot produce (JSON nulls), signed as dev mode accepts. */
async function callRaw(cognate: RunningCognate, operation: string, body: unknown): Promise<Response> {
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  return fetch(`${cognate.url}/`, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      "x-amz-date": amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTEST/${amzDate.slice(0, 8)}/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
    },
    body: JSON.stringify(body),
  });
}

/** Moves the server's clock forward through the local control API. */
async function advanceClock(cognate: RunningCognate, seconds: number): Promise<void> {
  const response = await fetch(`${cognate.url}/_cognate/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  assert.equal(response.status, 200);
}
