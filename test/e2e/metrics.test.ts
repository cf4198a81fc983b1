import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, secureModeEnv, startCognate, TEST_CREDENTIAL } from "../helpers/cognate.js";
import { serveCognate } from "../helpers/process.js";

/** The value of one sample line, e.g. `cognate_requests_total{operation="CreateUserPool",outcome="success"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const backend of backends) {
  describe(`/metrics (${backend})`, () => {
    test("is scraped in Prometheus text: requests by operation and outcome, latency, sign-ins, throttling, store timings", async () => {
      const cognate = await startCognate({ backend, env: { COGNATE_RATE_LIMITS: JSON.stringify({ UserAuthentication: 1 }) } });
      try {
        const cognito = cognate.client();
        const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "metrics" }));
        const { UserPoolClient } = await cognito.send(
          new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "web", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        );
        const signIn = () =>
          cognito.send(
            new InitiateAuthCommand({
              ClientId: UserPoolClient!.ClientId!,
              AuthFlow: "USER_PASSWORD_AUTH",
              AuthParameters: { USERNAME: "nobody", PASSWORD: "Wrong-password-1" },
            }),
          );
        await assert.rejects(signIn(), { name: "UserNotFoundException" });
        await assert.rejects(signIn(), { name: "TooManyRequestsException" });

        const response = await fetch(`${cognate.url}/metrics`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
        const text = await response.text();
        assert.equal(sample(text, 'cognate_requests_total{operation="CreateUserPool",outcome="success"}'), 1);
        assert.equal(sample(text, 'cognate_requests_total{operation="InitiateAuth",outcome="UserNotFoundException"}'), 1);
        assert.equal(sample(text, 'cognate_requests_total{operation="InitiateAuth",outcome="TooManyRequestsException"}'), 1);
        assert.equal(sample(text, 'cognate_throttled_requests_total{operation="InitiateAuth"}'), 1);
        assert.equal(sample(text, 'cognate_sign_ins_total{result="failure"}'), 2);
        assert.equal(sample(text, 'cognate_request_duration_seconds_count{operation="CreateUserPool"}'), 1);
        assert.ok(sample(text, 'cognate_store_duration_seconds_count{method="pools.create"}')! >= 1);
        assert.match(text, /^cognate_process_resident_memory_bytes \d+/m);
      } finally {
        await cognate.close();
      }
    });
  });
}

describe("/metrics in secure mode", () => {
  test("is off unless --metrics turns it on", async () => {
    const off = await startCognate({ env: secureModeEnv() });
    const on = await startCognate({ env: { ...secureModeEnv(), COGNATE_METRICS: "1" } });
    try {
      assert.equal((await fetch(`${off.url}/metrics`)).status, 404);
      assert.equal((await fetch(`${on.url}/metrics`)).status, 200);
    } finally {
      await off.close();
      await on.close();
    }
  });
});

describe("--log-requests", () => {
  test("logs each operation's name, pool and outcome", async () => {
    const { db, cleanup } = await freshDatabase("sqlite");
    const served = await serveCognate(["--log-requests"], { COGNATE_DB: db });
    try {
      const answer = await fetch(served.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
        body: JSON.stringify({ ClientId: "nosuchclient", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "a", PASSWORD: "b" } }),
      });
      assert.equal(answer.status, 400);
      const cognito = new CognitoIdentityProviderClient({ endpoint: served.url, region: "us-east-1", credentials: TEST_CREDENTIAL, maxAttempts: 1 });
      await assert.rejects(cognito.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_nothere" })), { name: "ResourceNotFoundException" });
      cognito.destroy();
    } finally {
      await served.stop();
      await cleanup();
    }
    assert.match(served.output(), /"msg":"InitiateAuth → ResourceNotFoundException \([\d.]+ ms\)"/);
    assert.match(served.output(), /"poolId":"us-east-1_nothere".*"msg":"DescribeUserPool us-east-1_nothere → ResourceNotFoundException \([\d.]+ ms\)"/);
  });
});
