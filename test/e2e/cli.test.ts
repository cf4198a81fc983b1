import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase } from "../helpers/cognate.js";
import { runCognate, serveCognate } from "../helpers/process.js";

const dir = mkdtempSync(join(tmpdir(), "cognate-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function sdk(url: string) {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

describe("cognate serve: configuration mistakes stop it with one line and exit code 2", () => {
  const cases: Array<[string, string[], NodeJS.ProcessEnv, RegExp]> = [
    ["a port that is not a number", ["--port", "http"], {}, /--port\/COGNATE_PORT must be a port number/],
    ["a storage URL of an unknown kind", [], { COGNATE_DB: "mysql://localhost/x" }, /--db\/COGNATE_DB/],
    ["an invalid region", ["--region", "mars"], {}, /--region\/COGNATE_REGION must be a region name/],
    ["an account id that is not 12 digits", ["--account-id", "12"], {}, /--account-id\/COGNATE_ACCOUNT_ID/],
    ["a non-loopback address without credentials", ["--host", "0.0.0.0"], {}, /not a loopback address.*--insecure/],
    ["a credentials file that does not exist", ["--credentials", "/nonexistent/creds.json"], {}, /creds\.json/],
    ["an unknown flag", ["--no-such-flag"], {}, /unknown option/],
    ["a TLS certificate without its key", ["--tls-cert", "/nonexistent/cert.pem"], {}, /--tls-cert\/COGNATE_TLS_CERT and --tls-key\/COGNATE_TLS_KEY must be given together/],
    ["a TLS certificate file that does not exist", ["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"], {}, /--tls-cert \/nonexistent\/cert\.pem cannot be read/],
  ];
  for (const [what, args, env, expected] of cases) {
    test(what, async () => {
      const result = await runCognate(["serve", "--port", "0", ...args], { COGNATE_DB: `sqlite:${join(dir, "never.db")}`, ...env });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, expected);
      assert.equal(result.stderr.trim().split("\n").length, 1, `one line: ${result.stderr}`);
      assert.equal(result.stdout, "");
    });
  }

  test("a credentials file with a Condition is refused, naming the entry, without echoing secrets", async () => {
    const file = join(dir, "condition.json");
    writeFileSync(
      file,
      JSON.stringify({
        credentials: [
          {
            name: "ops",
            accessKeyId: "AKIAEXAMPLEOPS00001",
            secretAccessKey: "super-secret-value",
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: {} }] },
          },
        ],
      }),
    );
    const result = await runCognate(["serve", "--port", "0", "--credentials", file], { COGNATE_DB: `sqlite:${join(dir, "never.db")}` });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /ops/);
    assert.match(result.stderr, /Condition/);
    assert.doesNotMatch(result.stderr, /super-secret-value/);
  });
});

test("cognate serve --tls prints the generated certificate's file and SHA-256 fingerprint, and its public URL is https", async () => {
  const served = await serveCognate(["--tls"], { COGNATE_DB: `sqlite:${join(dir, "tls.db")}` });
  try {
    assert.match(served.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const fingerprint = new X509Certificate(readFileSync(join(dir, "tls", "cert.pem"))).fingerprint256;
    assert.match(served.output(), new RegExp(`serving HTTPS with a newly generated certificate .*cert\\.pem \\(SHA-256 ${fingerprint}\\)`));
  } finally {
    await served.stop();
  }
});

for (const backend of backends) {
  describe(`cognate serve as a process (${backend})`, () => {
    test("a pool survives a restart, and SIGTERM exits 0", async () => {
      const database = await freshDatabase(backend);
      try {
        const first = await serveCognate([], { COGNATE_DB: database.db });
        const cognito = sdk(first.url);
        const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "durable" }));
        cognito.destroy();
        assert.equal(await first.stop("SIGTERM"), 0);

        const second = await serveCognate([], { COGNATE_DB: database.db });
        const again = sdk(second.url);
        const { UserPool: found } = await again.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
        again.destroy();
        assert.equal(found!.Name, "durable");
        assert.equal(await second.stop("SIGINT"), 0);
        assert.match(second.output(), /"mode":"dev"/);
      } finally {
        await database.cleanup();
      }
    });

    test("cognate migrate applies migrations and exits 0", async () => {
      const database = await freshDatabase(backend);
      try {
        const result = await runCognate(["migrate"], { COGNATE_DB: database.db });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /migrations applied/);
      } finally {
        await database.cleanup();
      }
    });
  });
}
