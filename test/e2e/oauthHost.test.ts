import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import {
  CreateResourceServerCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

/** A request with the Host header a browser sends to a pool's domain (resolved to Cognate, e.g. by /etc/hosts). */
function send(base: string, host: string, method: "GET" | "POST", path: string, form?: Record<string, string>, authorization?: string): Promise<Answer> {
  const url = new URL(path, base);
  const body = form === undefined ? undefined : new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    httpRequest(
      url,
      {
        method,
        headers: {
          host,
          ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
          ...(authorization === undefined ? {} : { authorization }),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, location: response.headers.location, body: text }));
      },
    )
      .on("error", reject)
      .end(body);
  });
}

for (const backend of backends) {
  describe(`OAuth endpoints on a pool's domain: the Host header selects the pool (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    const prefix = `alpha-${randomBytes(4).toString("hex")}`;
    const custom = `auth.beta-${randomBytes(4).toString("hex")}.example.com`;
    let prefixHost: string;
    const pools: Record<"alpha" | "beta", { poolId: string; web: string; machine: { clientId: string; secret: string } }> = {} as never;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      for (const name of ["alpha", "beta"] as const) {
        const poolId = await fixture.pool({ PoolName: name });
        await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: "orders", Name: "Orders", Scopes: [{ ScopeName: "read", ScopeDescription: "Read" }] }));
        const { clientId: web } = await fixture.client(poolId, {
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: [CALLBACK],
        });
        const machine = await fixture.client(poolId, {
          ClientName: "machine",
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["client_credentials"],
          AllowedOAuthScopes: ["orders/read"],
        });
        pools[name] = { poolId, web, machine: { clientId: machine.clientId, secret: machine.secret! } };
      }
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pools.alpha.poolId, Domain: prefix }));
      await cognito.send(
        new CreateUserPoolDomainCommand({
          UserPoolId: pools.beta.poolId,
          Domain: custom,
          CustomDomainConfig: { CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        }),
      );
      prefixHost = `${prefix}.auth.us-east-1.amazoncognito.com`;
    });
    after(() => cognate.close());

    const authorize = (host: string, clientId: string) =>
      send(cognate.url, host, "GET", `/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK })}`);
    const clientCredentials = (host: string, client: { clientId: string; secret: string }) =>
      send(cognate.url, host, "POST", "/oauth2/token", { grant_type: "client_credentials" }, `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString("base64")}`);

    test("the prefix host DescribeUserPoolDomain reports, with any port and letter case, serves its own pool's client and no other", async () => {
      const { DomainDescription } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: prefix }));
      assert.equal(`${DomainDescription!.Domain}.auth.us-east-1.amazoncognito.com`, prefixHost);
      for (const host of [prefixHost, `${prefixHost.toUpperCase()}:443`]) {
        const own = await authorize(host, pools.alpha.web);
        assert.equal(own.status, 302);
        assert.match(own.location!, /^\/login\?/);
      }
      // Another pool's client is, on this host, an unknown client: the same error page, never a redirect.
      const other = await authorize(prefixHost, pools.beta.web);
      const unknown = await authorize(prefixHost, "1example23456789012345678");
      assert.equal(other.location, undefined);
      assert.deepEqual({ status: other.status, body: other.body }, { status: unknown.status, body: unknown.body });
    });

    test("the login, challenge and self-service pages and logout on a pool's domain know only that pool's clients", async () => {
      const query = (clientId: string) => new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK }).toString();
      for (const path of ["/login", "/forgotPassword", "/confirmForgotPassword", "/signup", "/mfa", "/forceChangePassword", "/logout"]) {
        const own = await send(cognate.url, prefixHost, "GET", `${path}?${query(pools.alpha.web)}`);
        assert.ok(own.status === 200 || own.status === 302, `${path}: ${own.status}`);
        const other = await send(cognate.url, prefixHost, "GET", `${path}?${query(pools.beta.web)}`);
        const unknown = await send(cognate.url, prefixHost, "GET", `${path}?${query("1example23456789012345678")}`);
        assert.equal(other.location, undefined, path);
        assert.equal(other.status, 400, path);
        assert.deepEqual({ status: other.status, body: other.body }, { status: unknown.status, body: unknown.body }, path);
        // On Cognate's own address the same request is served (the pool following from client_id).
        const everyPool = await send(cognate.url, new URL(cognate.url).host, "GET", `${path}?${query(pools.beta.web)}`);
        assert.notEqual(everyPool.status, 400, path);
      }
      const posted = await send(cognate.url, prefixHost, "POST", `/login?${query(pools.beta.web)}`, { username: "someone", password: "Passw0rd!", _csrf: "x" });
      assert.equal(posted.status, 400);
      assert.equal(posted.location, undefined);
    });

    test("a custom domain serves its pool at the token endpoint; the other pool's client is invalid_client there", async () => {
      const own = await clientCredentials(custom, pools.beta.machine);
      assert.equal(own.status, 200);
      assert.equal(JSON.parse(own.body).token_type, "Bearer");
      const other = await clientCredentials(custom, pools.alpha.machine);
      assert.deepEqual({ status: other.status, body: JSON.parse(other.body) }, { status: 400, body: { error: "invalid_client" } });
      const onPrefix = await clientCredentials(prefixHost, pools.beta.machine);
      assert.deepEqual(JSON.parse(onPrefix.body), { error: "invalid_client" });
    });

    test("an access token of another pool is invalid_token at userInfo on a pool's domain", async () => {
      const token = JSON.parse((await clientCredentials(custom, pools.beta.machine)).body).access_token as string;
      const answer = await send(cognate.url, prefixHost, "GET", "/oauth2/userInfo", undefined, `Bearer ${token}`);
      assert.equal(answer.status, 401);
    });

    test("Cognate's own address, an unknown domain and a deleted one serve every pool, the pool following from client_id", async () => {
      const own = new URL(cognate.url).host;
      const unknownPrefix = `nobody-${randomBytes(3).toString("hex")}.auth.us-east-1.amazoncognito.com`;
      for (const host of [own, "localhost", unknownPrefix, "auth.unknown.example.com"]) {
        assert.equal((await authorize(host, pools.alpha.web)).status, 302, host);
        assert.equal((await authorize(host, pools.beta.web)).status, 302, host);
        assert.equal((await clientCredentials(host, pools.alpha.machine)).status, 200, host);
      }
      await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: pools.alpha.poolId, Domain: prefix }));
      assert.equal((await authorize(prefixHost, pools.beta.web)).status, 302);
    });

    test("discovery and keys stay at /<poolId>/.well-known on every host, as Cognito serves them on cognito-idp, not on the domain", async () => {
      const discovery = await send(cognate.url, custom, "GET", `/${pools.beta.poolId}/.well-known/openid-configuration`);
      assert.equal(discovery.status, 200);
      assert.equal((await send(cognate.url, custom, "GET", "/.well-known/openid-configuration")).status, 404);
    });
  });
}
