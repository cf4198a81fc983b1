import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startCognate, type RunningCognate } from "../helpers/cognate.js";
import { run } from "../helpers/process.js";

const AWS_CLI = "/usr/bin/aws";
const PYTHON = "/usr/bin/python3";

describe("Debian's AWS CLI and boto3 pointed at Cognate with dummy credentials", () => {
  let cognate: RunningCognate;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    cognate = await startCognate();
    env = {
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      AWS_PAGER: "",
    };
  });
  after(() => cognate.close());

  test("aws cognito-idp create-user-pool and describe-user-pool work", async () => {
    const created = await run(AWS_CLI, ["--endpoint-url", cognate.url, "cognito-idp", "create-user-pool", "--pool-name", "p"], env);
    assert.equal(created.code, 0, created.stderr);
    const pool = JSON.parse(created.stdout).UserPool;
    assert.match(pool.Id, /^us-east-1_/);
    const described = await run(AWS_CLI, ["--endpoint-url", cognate.url, "cognito-idp", "describe-user-pool", "--user-pool-id", pool.Id], env);
    assert.equal(described.code, 0, described.stderr);
    assert.equal(JSON.parse(described.stdout).UserPool.Name, "p");
  });

  test("the AWS CLI shows Cognito's error code and message", async () => {
    const missing = await run(
      AWS_CLI,
      ["--endpoint-url", cognate.url, "cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Nope12345"],
      env,
    );
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
    assert.match(missing.stderr, /User pool us-east-1_Nope12345 does not exist\./);
  });

  test("boto3 creates, lists and deletes a pool and sees modelled errors", async () => {
    const script = `
import json, sys, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="local", aws_secret_access_key="local")
pool = c.create_user_pool(PoolName="from-boto3")["UserPool"]
listed = [p["Id"] for p in c.list_user_pools(MaxResults=60)["UserPools"]]
c.delete_user_pool(UserPoolId=pool["Id"])
try:
    c.describe_user_pool(UserPoolId=pool["Id"])
    error = None
except c.exceptions.ResourceNotFoundException as e:
    error = e.response["Error"]
print(json.dumps({"id": pool["Id"], "listed": pool["Id"] in listed, "error": error,
                  "requestId": c.list_user_pools(MaxResults=1)["ResponseMetadata"]["RequestId"]}))
`;
    const result = await run(PYTHON, ["-c", script, cognate.url], env);
    assert.equal(result.code, 0, result.stderr);
    const outcome = JSON.parse(result.stdout);
    assert.match(outcome.id, /^us-east-1_/);
    assert.equal(outcome.listed, true);
    assert.equal(outcome.error.Code, "ResourceNotFoundException");
    assert.equal(outcome.error.Message, `User pool ${outcome.id} does not exist.`);
    assert.match(outcome.requestId, /^[0-9a-f-]{36}$/);
  });
});
