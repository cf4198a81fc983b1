import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  InvalidParameterException,
  ListResourceServersCommand,
  ResourceNotFoundException,
  ScopeDoesNotExistException,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const READ = { ScopeName: "read", ScopeDescription: "Read the orders" };
const WRITE = { ScopeName: "write", ScopeDescription: "Place orders" };

for (const backend of backends) {
  describe(`resource servers and OAuth app clients through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function newPool(): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "resource servers" }));
      return UserPool!.Id!;
    }

    test("a resource server is created, described, listed, replaced and deleted", async () => {
      const UserPoolId = await newPool();
      const created = await cognito.send(
        new CreateResourceServerCommand({ UserPoolId, Identifier: "https://orders.example.com", Name: "Orders", Scopes: [READ, WRITE] }),
      );
      const expected = { UserPoolId, Identifier: "https://orders.example.com", Name: "Orders", Scopes: [READ, WRITE] };
      assert.deepEqual(created.ResourceServer, expected);
      const described = await cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: "https://orders.example.com" }));
      assert.deepEqual(described.ResourceServer, expected);

      await cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier: "billing", Name: "Billing" }));
      const first = await cognito.send(new ListResourceServersCommand({ UserPoolId, MaxResults: 1 }));
      assert.deepEqual(first.ResourceServers, [expected]);
      assert.ok(first.NextToken);
      const second = await cognito.send(new ListResourceServersCommand({ UserPoolId, MaxResults: 1, NextToken: first.NextToken }));
      assert.deepEqual(second.ResourceServers, [{ UserPoolId, Identifier: "billing", Name: "Billing", Scopes: [] }]);
      assert.equal(second.NextToken, undefined);

      // UpdateResourceServer replaces: scopes it leaves out are gone.
      const updated = await cognito.send(new UpdateResourceServerCommand({ UserPoolId, Identifier: "https://orders.example.com", Name: "Orders v2" }));
      assert.deepEqual(updated.ResourceServer, { ...expected, Name: "Orders v2", Scopes: [] });
      await cognito.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: "https://orders.example.com" }));
      assert.deepEqual((await cognito.send(new ListResourceServersCommand({ UserPoolId }))).ResourceServers?.map((s) => s.Identifier), ["billing"]);
    });

    test("a second server with the same identifier, duplicate scope names and unknown servers are refused", async () => {
      const UserPoolId = await newPool();
      await cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier: "orders", Name: "Orders", Scopes: [READ] }));
      await rejectsWith(
        cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier: "orders", Name: "Again" })),
        InvalidParameterException,
        `orders already exists in pool ${UserPoolId}.`,
      );
      await rejectsWith(
        cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier: "twice", Name: "Twice", Scopes: [READ, READ] })),
        InvalidParameterException,
        "Duplicate scope name read.",
      );
      for (const command of [
        new DescribeResourceServerCommand({ UserPoolId, Identifier: "missing" }),
        new UpdateResourceServerCommand({ UserPoolId, Identifier: "missing", Name: "Missing" }),
        new DeleteResourceServerCommand({ UserPoolId, Identifier: "missing" }),
      ]) {
        await rejectsWith(cognito.send(command as never), ResourceNotFoundException, "Resource server missing does not exist.");
      }
      assert.deepEqual((await cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: "orders" }))).ResourceServer?.Scopes, [READ]);
      await rejectsWith(
        cognito.send(new ListResourceServersCommand({ UserPoolId: "us-east-1_missing" })),
        ResourceNotFoundException,
        "User pool us-east-1_missing does not exist.",
      );
    });

    test("an app client may use the pool's custom scopes and standard scopes, and no other", async () => {
      const UserPoolId = await newPool();
      await cognito.send(new CreateResourceServerCommand({ UserPoolId, Identifier: "orders", Name: "Orders", Scopes: [READ] }));
      const browser: CreateUserPoolClientCommandInput = {
        UserPoolId,
        ClientName: "web",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        CallbackURLs: ["https://app.example.com/callback"],
      };
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({ ...browser, AllowedOAuthScopes: ["openid", "email", "orders/read"] }),
      );
      assert.deepEqual(UserPoolClient?.AllowedOAuthScopes, ["openid", "email", "orders/read"]);
      await rejectsWith(
        cognito.send(new CreateUserPoolClientCommand({ ...browser, AllowedOAuthScopes: ["openid", "orders/delete"] })),
        ScopeDoesNotExistException,
        "Invalid scope requested: orders/delete",
      );
      const ClientId = UserPoolClient!.ClientId!;
      await rejectsWith(
        cognito.send(
          new UpdateUserPoolClientCommand({ ...browser, ClientId, ClientName: undefined, AllowedOAuthScopes: ["openid", "other/read"] }),
        ),
        ScopeDoesNotExistException,
        "Invalid scope requested: other/read",
      );
      const unchanged = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
      assert.deepEqual(unchanged.UserPoolClient?.AllowedOAuthScopes, ["openid", "email", "orders/read"]);

      // Scopes belong to their pool.
      const other = await newPool();
      await rejectsWith(
        cognito.send(new CreateUserPoolClientCommand({ ...browser, UserPoolId: other, AllowedOAuthScopes: ["orders/read"] })),
        ScopeDoesNotExistException,
        "Invalid scope requested: orders/read",
      );
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: other }));
    });

    test("callback and sign-out URLs are https, an app's own scheme or http on the loopback, and never carry a fragment", async () => {
      const UserPoolId = await newPool();
      const base: CreateUserPoolClientCommandInput = {
        UserPoolId,
        ClientName: "web",
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ["code"],
        AllowedOAuthScopes: ["openid"],
      };
      const accepted = [
        "https://app.example.com/callback",
        "http://localhost:3000/callback",
        "http://127.0.0.1:8080/cb",
        "http://[::1]/cb",
        "myapp://signed-in",
      ];
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({ ...base, CallbackURLs: accepted, LogoutURLs: ["http://localhost:3000/"] }),
      );
      assert.deepEqual(UserPoolClient?.CallbackURLs, accepted);
      for (const url of ["http://app.example.com/callback", "https://app.example.com/callback#done", "/relative/callback"]) {
        await rejectsWith(
          cognito.send(new CreateUserPoolClientCommand({ ...base, CallbackURLs: [url] })),
          InvalidParameterException,
          `Invalid CallbackURLs value ${url}: a redirect URL must be absolute, have no fragment, and use https unless its host is localhost or a loopback address.`,
        );
      }
      await rejectsWith(
        cognito.send(new CreateUserPoolClientCommand({ ...base, CallbackURLs: accepted, LogoutURLs: ["http://app.example.com/bye"] })),
        InvalidParameterException,
        "Invalid LogoutURLs value http://app.example.com/bye: a redirect URL must be absolute, have no fragment, and use https unless its host is localhost or a loopback address.",
      );
    });
  });
}
