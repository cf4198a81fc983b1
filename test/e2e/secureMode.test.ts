import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";

const ADMIN = { accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: "a-long-random-secret-for-tests" };
const READER = { accessKeyId: "AKIAEXAMPLEREADER01", secretAccessKey: "another-long-random-secret" };
const OPERATOR = { accessKeyId: "AKIAEXAMPLEOPERATOR", secretAccessKey: "yet-another-long-random-secret" };

/** Rewrites the request after the SDK has signed it, as an attacker on the wire would. */
function tamperAfterSigning(client: CognitoIdentityProviderClient, tamper: (request: { body: unknown; headers: Record<string, string> }) => void) {
  client.middlewareStack.add(
    (next) => async (args) => {
      tamper(args.request as { body: unknown; headers: Record<string, string> });
      return next(args);
    },
    { step: "deserialize", priority: "low" },
  );
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<Error & { name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail("the call was expected to fail");
}

for (const backend of backends) {
  describe(`secure mode: SigV4 verified with the credentials file (${backend})`, () => {
    let cognate: RunningCognate;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "cognate-creds-"));
      const file = join(dir, "credentials.json");
      writeFileSync(
        file,
        JSON.stringify({
          credentials: [
            { name: "admin", ...ADMIN },
            {
              name: "reader",
              ...READER,
              policy: {
                Version: "2012-10-17",
                Statement: { Effect: "Allow", Action: ["cognito-idp:Describe*", "cognito-idp:List*"], Resource: "*" },
              },
            },
            {
              name: "operator",
              ...OPERATOR,
              policy: {
                Version: "2012-10-17",
                Statement: [
                  { Effect: "Allow", Action: "cognito-idp:*", Resource: "arn:aws:cognito-idp:*:*:userpool/*" },
                  { Effect: "Deny", Action: "cognito-idp:Delete*", Resource: "*" },
                ],
              },
            },
          ],
        }),
      );
      cognate = await startCognate({ backend, env: { COGNATE_CREDENTIALS: file } });
    });
    after(async () => {
      await cognate.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test("a request signed by a configured key succeeds", async () => {
      const cognito = cognate.client(ADMIN);
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "signed" }));
      assert.match(UserPool!.Id!, /^us-east-1_/);
      assert.equal(cognate.app.mode, "secure");
    });

    test("the scope's region is the region the request addresses", async () => {
      const { UserPool } = await cognate.client({ ...ADMIN, region: "eu-central-1" }).send(new CreateUserPoolCommand({ PoolName: "frankfurt" }));
      assert.match(UserPool!.Id!, /^eu-central-1_/);
    });

    test("an unknown access key is UnrecognizedClientException", async () => {
      const error = await rejection(
        cognate.client({ accessKeyId: "AKIAUNKNOWNKEY00001", secretAccessKey: ADMIN.secretAccessKey }).send(new ListUserPoolsCommand({ MaxResults: 1 })),
      );
      assert.equal(error.name, "UnrecognizedClientException");
      assert.equal(error.message, "The security token included in the request is invalid.");
    });

    test("a wrong secret is InvalidSignatureException", async () => {
      const error = await rejection(
        cognate.client({ ...ADMIN, secretAccessKey: "not-the-secret" }).send(new ListUserPoolsCommand({ MaxResults: 1 })),
      );
      assert.equal(error.name, "InvalidSignatureException");
      assert.match(error.message, /^The request signature we calculated does not match the signature you provided\./);
    });

    test("a body changed after signing is InvalidSignatureException and changes nothing", async () => {
      const client = tamperAfterSigning(cognate.client(ADMIN), (request) => {
        request.body = JSON.stringify({ PoolName: "injected-by-attacker" });
        request.headers["content-length"] = String(Buffer.byteLength(request.body as string));
      });
      const error = await rejection(client.send(new CreateUserPoolCommand({ PoolName: "original" })));
      assert.equal(error.name, "InvalidSignatureException");
      const { UserPools } = await cognate.client(ADMIN).send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(!UserPools!.some((pool) => pool.Name === "injected-by-attacker" || pool.Name === "original"));
    });

    test("a target changed after signing is InvalidSignatureException", async () => {
      const client = tamperAfterSigning(cognate.client(ADMIN), (request) => {
        request.headers["x-amz-target"] = "AWSCognitoIdentityProviderService.DeleteUserPool";
      });
      const error = await rejection(client.send(new ListUserPoolsCommand({ MaxResults: 1 })));
      assert.equal(error.name, "InvalidSignatureException");
    });

    test("a date changed after signing is InvalidSignatureException", async () => {
      const client = tamperAfterSigning(cognate.client(ADMIN), (request) => {
        const date = request.headers["x-amz-date"]!;
        const seconds = Number(date.slice(13, 15));
        request.headers["x-amz-date"] = date.slice(0, 13) + String((seconds + 1) % 60).padStart(2, "0") + "Z";
      });
      const error = await rejection(client.send(new ListUserPoolsCommand({ MaxResults: 1 })));
      assert.equal(error.name, "InvalidSignatureException");
    });

    test("a signature older than 15 minutes is refused as expired", async () => {
      const client = cognate.client(ADMIN);
      const stale = new Date(Date.now() - 20 * 60 * 1000);
      client.config.systemClockOffset = stale.getTime() - Date.now();
      const error = await rejection(client.send(new ListUserPoolsCommand({ MaxResults: 1 })));
      assert.equal(error.name, "InvalidSignatureException");
      assert.match(error.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    });

    test("a policy allows only what it names; a denial is AccessDeniedException naming caller, action and pool", async () => {
      const { UserPool } = await cognate.client(ADMIN).send(new CreateUserPoolCommand({ PoolName: "guarded" }));
      const reader = cognate.client(READER);
      const { UserPools } = await reader.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(UserPools!.some((pool) => pool.Id === UserPool!.Id));
      const denied = await rejection(reader.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })));
      assert.equal(denied.name, "AccessDeniedException");
      assert.equal(
        denied.message,
        `User: arn:aws:iam::000000000000:user/reader is not authorized to perform: cognito-idp:DeleteUserPool on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool!.Id}`,
      );
      const { UserPool: still } = await reader.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.equal(still!.Id, UserPool!.Id, "a denied request changes nothing");
      const { items } = await cognate.app.deps.store.audit.list({ limit: 10, poolId: UserPool!.Id, operation: "DeleteUserPool" });
      assert.deepEqual(
        items.map((event) => ({ actor: event.actor, outcome: event.outcome, errorType: event.errorType })),
        [{ actor: "arn:aws:iam::000000000000:user/reader", outcome: "failure", errorType: "AccessDeniedException" }],
        "the denial is in the audit trail under the caller's ARN",
      );
    });

    test("an explicit Deny wins, and pool-less operations are authorised on *", async () => {
      const operator = cognate.client(OPERATOR);
      const created = await rejection(operator.send(new CreateUserPoolCommand({ PoolName: "not-allowed" })));
      assert.equal(created.name, "AccessDeniedException");
      assert.match(created.message, /cognito-idp:CreateUserPool on resource: \*$/);
      const { UserPool } = await cognate.client(ADMIN).send(new CreateUserPoolCommand({ PoolName: "operated" }));
      const { UserPool: described } = await operator.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.equal(described!.Name, "operated");
      const deleted = await rejection(operator.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })));
      assert.equal(deleted.name, "AccessDeniedException");
    });

    test("the control API is off in secure mode", async () => {
      const response = await fetch(`${cognate.url}/_cognate/clock`);
      assert.equal(response.status, 404);
    });
  });
}
