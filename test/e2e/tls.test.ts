import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startCognate, type RunningCognate } from "../../src/index.js";
import { backends, freshDatabase } from "../helpers/cognate.js";

/** A GET over HTTPS trusting only `ca`; nothing followed. */
function get(url: string, ca: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const agent = new HttpsAgent({ ca });
    httpsRequest(url, { agent }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        agent.destroy();
        resolve({ status: response.statusCode!, headers: response.headers, body });
      });
    })
      .on("error", reject)
      .end();
  });
}

function sdk(cognate: RunningCognate): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ ...cognate.sdkConfig, maxAttempts: 1, requestHandler: { httpsAgent: new HttpsAgent({ ca: cognate.tlsCertificate! }) } });
}

describe("--tls alone: a self-signed certificate generated once and kept beside the SQLite file", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cognate-tls-test-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("serves HTTPS for 127.0.0.1 and localhost, the public URL is https, and a restart keeps the certificate", async () => {
    const db = `sqlite:${join(dir, "cognate.db")}`;
    const first = await startCognate({ db, tls: true });
    let certificate: string;
    try {
      assert.match(first.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      certificate = first.tlsCertificate!;
      assert.equal(readFileSync(join(dir, "tls", "cert.pem"), "utf8"), certificate);
      // The key is the operator's alone.
      assert.equal(statSync(join(dir, "tls", "key.pem")).mode & 0o077, 0);
      const parsed = new X509Certificate(certificate);
      assert.equal(parsed.checkHost("localhost"), "localhost");
      assert.equal(parsed.checkIP("127.0.0.1"), "127.0.0.1");
      assert.ok(new Date(parsed.validTo).getTime() > Date.now() + 365 * 24 * 3600 * 1000);

      const { UserPool } = await sdk(first).send(new CreateUserPoolCommand({ PoolName: "over-tls" }));
      const discovery = await get(`${first.endpoint}/${UserPool!.Id}/.well-known/openid-configuration`, certificate);
      assert.equal(discovery.status, 200);
      assert.equal(JSON.parse(discovery.body).issuer, `${first.endpoint}/${UserPool!.Id}`);
      // Plain HTTP is not answered on the TLS port.
      await assert.rejects(fetch(first.endpoint.replace("https:", "http:") + "/health"));
    } finally {
      await first.stop();
    }
    const second = await startCognate({ db, tls: true });
    try {
      assert.equal(second.tlsCertificate, certificate);
    } finally {
      await second.stop();
    }
  });

  test("a certificate file without its key is a configuration error", async () => {
    await assert.rejects(startCognate({ tlsCert: join(dir, "tls", "cert.pem") }), /--tls-cert\/COGNATE_TLS_CERT and --tls-key\/COGNATE_TLS_KEY must be given together/);
    await assert.rejects(startCognate({ tlsCert: join(dir, "absent.pem"), tlsKey: join(dir, "absent.pem") }), /--tls-cert .*absent\.pem cannot be read \(ENOENT\)/);
  });
});

for (const backend of backends) {
  describe(`--tls-cert and --tls-key (${backend})`, () => {
    let cognate: RunningCognate;
    let database: { db: string; cleanup(): Promise<void> };
    let certDir: string;
    before(async () => {
      certDir = mkdtempSync(join(tmpdir(), "cognate-tls-files-"));
      // Files made by a first --tls start elsewhere, then given by name.
      const maker = await startCognate({ db: `sqlite:${join(certDir, "maker.db")}`, tls: true });
      await maker.stop();
      database = await freshDatabase(backend);
      cognate = await startCognate({ db: database.db, tlsCert: join(certDir, "tls", "cert.pem"), tlsKey: join(certDir, "tls", "key.pem") });
    });
    after(async () => {
      await cognate.stop();
      await database.cleanup();
      rmSync(certDir, { recursive: true, force: true });
    });

    test("the API, discovery and the sign-in page answer over HTTPS; the page's CSRF cookie is Secure", async () => {
      assert.match(cognate.endpoint, /^https:/);
      assert.equal(cognate.tlsCertificate, readFileSync(join(certDir, "tls", "cert.pem"), "utf8"));
      const cognito = sdk(cognate);
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "over-tls" }));
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: UserPool!.Id!,
          ClientName: "web",
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid"],
          CallbackURLs: ["https://app.example.com/callback"],
        }),
      );
      const query = new URLSearchParams({ response_type: "code", client_id: UserPoolClient!.ClientId!, redirect_uri: "https://app.example.com/callback" });
      const authorize = await get(`${cognate.endpoint}/oauth2/authorize?${query}`, cognate.tlsCertificate!);
      assert.equal(authorize.status, 302);
      const login = await get(new URL(authorize.headers.location as string, cognate.endpoint).toString(), cognate.tlsCertificate!);
      assert.equal(login.status, 200);
      assert.match(String(login.headers["set-cookie"]), /; HttpOnly; SameSite=Lax; Secure$/);
      const jwks = await get(`${cognate.endpoint}/${UserPool!.Id}/.well-known/jwks.json`, cognate.tlsCertificate!);
      assert.equal(jwks.status, 200);
    });
  });
}
