import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeIdentityProviderCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { parse } from "yaml";
import { backends, freshDatabase, startCognate } from "../helpers/cognate.js";
import { runCognate, serveCognate } from "../helpers/process.js";

const dir = mkdtempSync(join(tmpdir(), "cognate-seed-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEED_YAML = `# a shop's identities
Pools:
  - PoolName: shop
    UsernameAttributes: [email]
    Policies:
      PasswordPolicy: { MinimumLength: 8, RequireSymbols: false }
    Schema:
      - { Name: tier, AttributeDataType: String, Mutable: true }
    Clients:
      - ClientName: web
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      - ClientName: backend
        GenerateSecret: true
        SupportedIdentityProviders: [COGNITO, CorpIdP]
    Groups:
      - { GroupName: admins, Precedence: 1, Description: shop staff }
      - { GroupName: customers }
    Users:
      - Username: ada@example.com
        Password: Passw0rd1
        Attributes: { email: ada@example.com, email_verified: "true", name: Ada, "custom:tier": gold }
        Groups: [admins, customers]
      - Username: bob@example.com
        Password: Temp0rary1
        Temporary: true
        Attributes: { email: bob@example.com }
    IdentityProviders:
      - ProviderName: CorpIdP
        ProviderType: OIDC
        ProviderDetails:
          client_id: cognate
          client_secret: idp-secret
          authorize_scopes: openid email
          attributes_request_method: GET
          oidc_issuer: https://idp.example.com
          authorize_url: https://idp.example.com/authorize
          token_url: https://idp.example.com/token
          attributes_url: https://idp.example.com/userinfo
          jwks_uri: https://idp.example.com/jwks
        AttributeMapping: { email: email }
`;

function seedFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

for (const backend of backends) {
  describe(`seed files (${backend})`, () => {
    test("a seed creates its pools, clients, groups and users through the operations, and users sign in", async () => {
      const cognate = await startCognate({ backend });
      try {
        const seeded = await cognate.app.commands.applySeedFile(seedFile("shop.yaml", SEED_YAML));
        const shop = seeded.pools.shop!;
        assert.match(shop.id, /^us-east-1_/);
        assert.equal(shop.clients.web!.secret, undefined);
        assert.match(shop.clients.backend!.secret!, /^[a-z0-9]{40,}$/);
        const cognito = cognate.client();
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: shop.id }));
        assert.deepEqual(UserPool!.UsernameAttributes, ["email"]);
        assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireSymbols, false);
        assert.ok(UserPool!.SchemaAttributes!.some((attribute) => attribute.Name === "custom:tier"));
        const { IdentityProvider } = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: shop.id, ProviderName: "CorpIdP" }));
        assert.deepEqual(IdentityProvider!.AttributeMapping, { email: "email", username: "sub" });
        const backendClient = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: shop.id, ClientId: shop.clients.backend!.id }));
        assert.deepEqual(backendClient.UserPoolClient!.SupportedIdentityProviders, ["COGNITO", "CorpIdP"]);

        const signIn = (username: string, password: string) =>
          cognito.send(
            new InitiateAuthCommand({
              ClientId: shop.clients.web!.id,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: username, PASSWORD: password },
            }),
          );
        const ada = await signIn("ada@example.com", "Passw0rd1");
        const claims = JSON.parse(Buffer.from(ada.AuthenticationResult!.IdToken!.split(".")[1]!, "base64url").toString());
        assert.deepEqual(claims["cognito:groups"], ["admins", "customers"]);
        assert.equal(claims["custom:tier"], "gold");
        assert.equal(claims.name, "Ada");
        // A temporary password is one the user must replace at the first sign-in.
        const bob = await signIn("bob@example.com", "Temp0rary1");
        assert.equal(bob.ChallengeName, "NEW_PASSWORD_REQUIRED");
        const bobUser = await cognito.send(new AdminGetUserCommand({ UserPoolId: shop.id, Username: "bob@example.com" }));
        assert.equal(bobUser.UserStatus, "FORCE_CHANGE_PASSWORD");
      } finally {
        await cognate.close();
      }
    });

    test("applying a seed again changes nothing and answers the same ids", async () => {
      const cognate = await startCognate({ backend });
      try {
        const file = seedFile("again.yaml", SEED_YAML);
        const first = await cognate.app.commands.applySeedFile(file);
        const second = await cognate.app.commands.applySeedFile(file);
        assert.deepEqual(second, first);
        const cognito = cognate.client();
        const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
        assert.equal(pools.UserPools!.length, 1);
        const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: first.pools.shop!.id, MaxResults: 60 }));
        assert.equal(clients.UserPoolClients!.length, 2);
        const users = await cognito.send(new ListUsersCommand({ UserPoolId: first.pools.shop!.id }));
        assert.equal(users.Users!.length, 2);
      } finally {
        await cognate.close();
      }
    });

    test("a client's ClientId and ClientSecret are kept, so an app configured with them works against a fresh database", async () => {
      const cognate = await startCognate({ backend });
      try {
        const fixed = `Pools:
  - PoolName: fixed
    Clients:
      - ClientName: web
        ClientId: 5e6fixedwebclient0000000aa
        ClientSecret: fixedsecretofthewebclient0123456789abcdef
        ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
`;
        const file = seedFile("fixed.yaml", fixed);
        const seeded = await cognate.app.commands.applySeedFile(file);
        const web = seeded.pools.fixed!.clients.web!;
        assert.deepEqual(web, { id: "5e6fixedwebclient0000000aa", secret: "fixedsecretofthewebclient0123456789abcdef" });
        const cognito = cognate.client();
        const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: seeded.pools.fixed!.id, ClientId: web.id }));
        assert.equal(UserPoolClient!.ClientName, "web");
        assert.deepEqual(await cognate.app.commands.applySeedFile(file), seeded, "applied again, nothing changes");
        const exported = await cognate.app.commands.exportPool(seeded.pools.fixed!.id);
        assert.equal(exported.Clients![0]!.ClientId, web.id, "export writes the id back out");

        // Ids are unique across pools; a name already taken by another id is refused at the id's line.
        const elsewhere = fixed.replace("PoolName: fixed", "PoolName: elsewhere");
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("taken.yaml", elsewhere)), {
          message: `${join(dir, "taken.yaml")}:4: Pools.0.Clients.0: InvalidParameterException: A client with the id 5e6fixedwebclient0000000aa already exists.`,
        });
        const renamed = fixed.replace("5e6fixedwebclient0000000aa", "anotherid");
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("renamed.yaml", renamed)), {
          message: `${join(dir, "renamed.yaml")}:5: Pools.0.Clients.0.ClientId: the pool's client web already exists with the id 5e6fixedwebclient0000000aa`,
        });
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("badid.yaml", fixed.replace("5e6fixedwebclient0000000aa", "not/an/id"))), {
          message: `${join(dir, "badid.yaml")}:5: Pools.0.Clients.0.ClientId must be 1 to 128 letters, digits, \`_\` or \`+\``,
        });
        const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: seeded.pools.fixed!.id, MaxResults: 60 }));
        assert.equal(clients.UserPoolClients!.length, 1, "refused seeds created nothing more in the pool");
      } finally {
        await cognate.close();
      }
    });

    test("a seed declares the pool's domain and resource servers, whose scopes its clients may use", async () => {
      const cognate = await startCognate({ backend });
      try {
        const prefix = `shop-${backend}-${Date.now().toString(36)}`;
        const oauth = `Pools:
  - PoolName: oauth
    Domain: { Domain: ${prefix}, ManagedLoginVersion: 2 }
    ResourceServers:
      - Identifier: https://api.example.com
        Name: orders api
        Scopes: [{ ScopeName: read, ScopeDescription: read orders }]
    Clients:
      - ClientName: machine
        GenerateSecret: true
        AllowedOAuthFlowsUserPoolClient: true
        AllowedOAuthFlows: [client_credentials]
        AllowedOAuthScopes: [https://api.example.com/read]
`;
        const file = seedFile("oauth.yaml", oauth);
        const seeded = await cognate.app.commands.applySeedFile(file);
        assert.deepEqual(await cognate.app.commands.applySeedFile(file), seeded, "applied again, nothing changes");
        const poolId = seeded.pools.oauth!.id;
        const cognito = cognate.client();
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Domain, prefix);
        const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: seeded.pools.oauth!.clients.machine!.id }));
        assert.deepEqual(UserPoolClient!.AllowedOAuthScopes, ["https://api.example.com/read"]);

        const exported = await cognate.app.commands.exportPool(poolId);
        assert.deepEqual(exported.Domain, { Domain: prefix, ManagedLoginVersion: 2 });
        assert.deepEqual(exported.ResourceServers, [
          { Identifier: "https://api.example.com", Name: "orders api", Scopes: [{ ScopeName: "read", ScopeDescription: "read orders" }] },
        ]);

        const taken = oauth.replace("PoolName: oauth", "PoolName: other");
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("domain-taken.yaml", taken)), {
          message: new RegExp(`^${join(dir, "domain-taken.yaml")}:3: Pools\\.0\\.Domain: InvalidParameterException: `),
        });
      } finally {
        await cognate.close();
      }
    });

    test("a refused seed names the file, the line and the Cognito error", async () => {
      const cognate = await startCognate({ backend });
      try {
        const weakPassword = SEED_YAML.replace("Password: Passw0rd1", "Password: short");
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("weak.yaml", weakPassword)), (error: Error) => {
          assert.equal(error.message, `${join(dir, "weak.yaml")}:20: Pools.0.Users.0.Password: InvalidPasswordException: Password did not conform with policy: Password not long enough`);
          return true;
        });
        const badShape = "Pools:\n  - PoolName: x\n    Users:\n      - Username: ada\n        Temporary: maybe\n";
        await assert.rejects(cognate.app.commands.applySeedFile(seedFile("shape.yaml", badShape)), {
          message: `${join(dir, "shape.yaml")}:5: Pools.0.Users.0.Temporary must be true or false`,
        });
        await assert.rejects(cognate.app.commands.applySeed('{"Pools": [\n  {"PoolName": "x",\n   "Clients": [{"ClientName": "c", "RefreshTokenValidity": -1}]}]}', "seed.json"), {
          message: /^seed\.json:3: Pools\.0\.Clients\.0: InvalidParameterException: /,
        });
        await assert.rejects(cognate.app.commands.applySeed("Pools: [\n  {PoolName: x\n", "broken.yaml"), { message: /^broken\.yaml:\d+: / });
      } finally {
        await cognate.close();
      }
    });

    test("cognate export writes a pool as a seed that recreates it elsewhere", async () => {
      const source = await startCognate({ backend });
      const target = await startCognate({ backend });
      try {
        const seeded = await source.app.commands.applySeedFile(seedFile("export.yaml", SEED_YAML));
        const exported = await source.app.commands.exportPool(seeded.pools.shop!.id);
        assert.equal(exported.PoolName, "shop");
        assert.deepEqual(exported.Groups?.map((group) => group.GroupName), ["admins", "customers"]);
        assert.deepEqual(exported.Users?.find((user) => user.Username === "ada@example.com")?.Groups, ["admins", "customers"]);
        assert.equal(exported.Users?.[0]?.Password, undefined, "passwords are never exported");
        assert.deepEqual(exported.IdentityProviders?.map((provider) => [provider.ProviderName, provider.ProviderType]), [["CorpIdP", "OIDC"]]);

        const recreated = await target.app.commands.applySeed(JSON.stringify({ Pools: [exported] }), "exported.json");
        const cognito = target.client();
        const poolId = recreated.pools.shop!.id;
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.deepEqual(UserPool!.UsernameAttributes, ["email"]);
        assert.ok(UserPool!.SchemaAttributes!.some((attribute) => attribute.Name === "custom:tier"));
        const backendClient = await cognito.send(
          new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: recreated.pools.shop!.clients.backend!.id }),
        );
        assert.equal(backendClient.UserPoolClient!.ClientSecret, seeded.pools.shop!.clients.backend!.secret, "the secret is carried");
        const original = await source.client().send(new DescribeIdentityProviderCommand({ UserPoolId: seeded.pools.shop!.id, ProviderName: "CorpIdP" }));
        const copy = await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: "CorpIdP" }));
        assert.deepEqual(copy.IdentityProvider!.ProviderDetails, original.IdentityProvider!.ProviderDetails, "the provider is carried, its client secret included");
        const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "ada@example.com" }));
        assert.deepEqual(groups.Groups!.map((group) => group.GroupName).sort(), ["admins", "customers"]);
      } finally {
        await source.close();
        await target.close();
      }
    });

    test("--deterministic-ids: the same seed on two fresh databases gives the same ids", async () => {
      const env = { COGNATE_DETERMINISTIC_IDS: "1" };
      const [one, two] = [await startCognate({ backend, env }), await startCognate({ backend, env })];
      try {
        const file = seedFile("deterministic.yaml", SEED_YAML);
        assert.deepEqual(await one.app.commands.applySeedFile(file), await two.app.commands.applySeedFile(file));
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}

describe("cognate serve --seed and cognate export (the compiled bin)", () => {
  test("serve applies the seed before it listens; export writes YAML or JSON", async () => {
    const { db, cleanup } = await freshDatabase("sqlite");
    const file = seedFile("serve.yaml", SEED_YAML);
    const seededIds: string[] = [];
    for (let start = 0; start < 2; start++) {
      const served = await serveCognate(["--seed", file], { COGNATE_DB: db });
      seededIds.push(/"pools":\["([^"]+)"\],"msg":"seed applied"/.exec(served.output())![1]!);
      assert.equal(await served.stop(), 0);
    }
    assert.equal(seededIds[1], seededIds[0]);
    const listed = await runCognate(["audit", "--operation", "CreateUserPool", "--json"], { COGNATE_DB: db });
    assert.equal(listed.stdout.trim().split("\n").length, 1, "the second start found the pool and created nothing");
    const poolId = seededIds[0]!;
    const yamlOut = await runCognate(["export", "--pool", poolId], { COGNATE_DB: db });
    assert.equal(yamlOut.code, 0, yamlOut.stderr);
    const asYaml = parse(yamlOut.stdout) as { Pools: Array<{ PoolName: string; Users: unknown[] }> };
    assert.equal(asYaml.Pools[0]!.PoolName, "shop");
    assert.equal(asYaml.Pools[0]!.Users.length, 2);
    const out = join(dir, "out.json");
    const jsonOut = await runCognate(["export", "--pool", poolId, "--out", out], { COGNATE_DB: db });
    assert.equal(jsonOut.code, 0, jsonOut.stderr);

    const refused = await runCognate(["serve", "--port", "0", "--seed", seedFile("bad.yaml", "Pools: 3\n")], { COGNATE_DB: db });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /bad\.yaml:1: Pools must be a list of pools/);
    await cleanup();
  });
});
