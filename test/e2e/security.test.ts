import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import {
  AdminCreateUserCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListUserPoolsCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { defaultRates } from "../../src/config/rateLimits.js";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { send, type RawResponse } from "../helpers/fuzzRequests.js";

/**
 * Security checks of secure mode that secureMode.test.ts does not make: signatures out of their window,
 * region or service; policy denials that change nothing and reveal nothing; hostile paths, bodies and
 * headers; response-header injection; and, by reading the source, constant-time comparison of secrets.
 */

const TARGET_PREFIX = "AWSCognitoIdentityProviderService";
const ADMIN = { accessKeyId: "AKIAEXAMPLESECADMIN1", secretAccessKey: "security-admin-secret-for-tests" };
/** May do anything, but only to pools of eu-west-1. */
const REGIONAL = { accessKeyId: "AKIAEXAMPLEREGIONAL1", secretAccessKey: "regional-secret-for-tests" };
/** May do anything but touch pools themselves (create, describe, update, delete, list). */
const USER_ADMIN = { accessKeyId: "AKIAEXAMPLEUSERADMN1", secretAccessKey: "user-admin-secret-for-tests" };
const ACCOUNT = "000000000000";


const CREDENTIALS_FILE = {
  credentials: [
    { name: "admin", ...ADMIN },
    {
      name: "regional",
      ...REGIONAL,
      policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "cognito-idp:*", Resource: "arn:aws:cognito-idp:eu-west-1:*:userpool/*" }],
      },
    },
    {
      name: "user-admin",
      ...USER_ADMIN,
      policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", NotAction: ["cognito-idp:*UserPool", "cognito-idp:*UserPools"], Resource: "*" }],
      },
    },
  ],
};

interface Signing {
  body: string;
  operation: string;
  region?: string;
  service?: string;
  /** The signer's clock. */
  at?: Date;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Signs a request exactly as the AWS SDK does (scope, region and clock chosen by the caller). */
async function signedHeaders(url: string, signing: Signing): Promise<Record<string, string>> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({
    service: signing.service ?? "cognito-idp",
    region: signing.region ?? "us-east-1",
    credentials: signing.credentials ?? ADMIN,
    sha256: Sha256,
  });
  const request = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname,
      port: Number(port),
      path: "/",
      query: {},
      headers: { host, "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGET_PREFIX}.${signing.operation}` },
      body: signing.body,
    },
    { signingDate: signing.at ?? new Date() },
  );
  return request.headers;
}

async function signedCall(cognate: RunningCognate, signing: Signing): Promise<RawResponse> {
  const headers = await signedHeaders(cognate.url, signing);
  return send(cognate.url, { method: "POST", path: "/", headers, body: Buffer.from(signing.body, "utf8") });
}

function jsonOf(response: RawResponse): Record<string, unknown> {
  return JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
}

/** An AWS error envelope: status, __type, a string message and a request id. */
function assertAwsError(response: RawResponse, status: number, type: string, message?: string | RegExp): void {
  assert.equal(response.status, status, response.body.toString("utf8"));
  const json = jsonOf(response);
  assert.equal(json.__type, type);
  assert.equal(typeof json.message, "string");
  if (typeof message === "string") assert.equal(json.message, message);
  else if (message !== undefined) assert.match(json.message as string, message);
  assert.match(String(response.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
}

/** Sends raw bytes on a fresh connection and returns everything the server writes until it closes. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes, "latin1"));
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("the server neither answered nor closed")));
  });
}

async function poolNames(cognito: CognitoIdentityProviderClient): Promise<string[]> {
  const { UserPools } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  return (UserPools ?? []).map((pool) => pool.Name!);
}

for (const backend of backends) {
  describe(`security: hostile requests in secure mode (${backend})`, () => {
    let cognate: RunningCognate;
    let dir: string;
    let admin: CognitoIdentityProviderClient;
    let poolId: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "cognate-security-"));
      const file = join(dir, "credentials.json");
      writeFileSync(file, JSON.stringify(CREDENTIALS_FILE));
      // Quotas are on in secure mode; these tests are not about them and must not trip them on a fast machine.
      const noQuotas = JSON.stringify(Object.fromEntries(Object.keys(defaultRates).map((category) => [category, 1_000_000])));
      cognate = await startCognate({ backend, env: { COGNATE_CREDENTIALS: file, COGNATE_RATE_LIMITS: noQuotas } });
      admin = cognate.client(ADMIN);
      const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: "fortress" }));
      poolId = UserPool!.Id!;
    });
    after(async () => {
      await cognate.close();
      rmSync(dir, { recursive: true, force: true });
    });

    describe("signatures", () => {
      test("a validly signed request replayed 16 minutes later is refused as expired and changes nothing", async () => {
        const response = await signedCall(cognate, {
          operation: "CreateUserPool",
          body: JSON.stringify({ PoolName: "replayed-late" }),
          at: new Date(Date.now() - 16 * 60 * 1000),
        });
        assertAwsError(response, 400, "InvalidSignatureException", /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
        assert.ok(!(await poolNames(admin)).includes("replayed-late"));
      });

      test("a request signed 16 minutes in the future is refused as not yet current and changes nothing", async () => {
        const response = await signedCall(cognate, {
          operation: "CreateUserPool",
          body: JSON.stringify({ PoolName: "signed-early" }),
          at: new Date(Date.now() + 16 * 60 * 1000),
        });
        assertAwsError(
          response,
          400,
          "InvalidSignatureException",
          /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
        );
        assert.ok(!(await poolNames(admin)).includes("signed-early"));
      });

      test("a request signed 14 minutes ago is still inside the window", async () => {
        const response = await signedCall(cognate, {
          operation: "DescribeUserPool",
          body: JSON.stringify({ UserPoolId: poolId }),
          at: new Date(Date.now() - 14 * 60 * 1000),
        });
        assert.equal(response.status, 200, response.body.toString("utf8"));
      });

      test("a signature scoped to another service is refused even with the right secret, and changes nothing", async () => {
        for (const service of ["cognito-identity", "sts", "s3"]) {
          const response = await signedCall(cognate, {
            operation: "CreateUserPool",
            body: JSON.stringify({ PoolName: `scoped-to-${service}` }),
            service,
          });
          assertAwsError(response, 400, "InvalidSignatureException", "Credential should be scoped to correct service: 'cognito-idp'. ");
        }
        assert.ok(!(await poolNames(admin)).some((name) => name.startsWith("scoped-to-")));
      });

      test("a request signed for another region does not reach this region's pools", async () => {
        const elsewhere = cognate.client({ ...ADMIN, region: "eu-west-1" });
        const missing = `User pool ${poolId} does not exist.`;
        await rejectsWith(elsewhere.send(new DescribeUserPoolCommand({ UserPoolId: poolId })), ResourceNotFoundException, missing);
        await rejectsWith(
          elsewhere.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "intruder", MessageAction: "SUPPRESS" })),
          ResourceNotFoundException,
          missing,
        );
        await rejectsWith(elsewhere.send(new DeleteUserPoolCommand({ UserPoolId: poolId })), ResourceNotFoundException, missing);
        const { Users } = await admin.send(new ListUsersCommand({ UserPoolId: poolId }));
        assert.deepEqual(Users, []);
        const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Name, "fortress");
      });

      test("a signature does not survive a change to any signed part: a header, the query or the access key", async () => {
        const body = JSON.stringify({ PoolName: "tampered" });
        const headers = await signedHeaders(cognate.url, { operation: "CreateUserPool", body });
        const tamperings: [string, Record<string, string>, string][] = [
          ["content type", { ...headers, "content-type": "application/json" }, "/"],
          ["query", headers, "/?Action=DeleteUserPool"],
          ["access key", { ...headers, authorization: headers.authorization!.replace(ADMIN.accessKeyId, USER_ADMIN.accessKeyId) }, "/"],
        ];
        for (const [part, tampered, path] of tamperings) {
          const response = await send(cognate.url, { method: "POST", path, headers: tampered, body: Buffer.from(body) });
          assertAwsError(response, 400, "InvalidSignatureException", /^The request signature we calculated does not match/);
          assert.ok(!(await poolNames(admin)).includes("tampered"), `changing the ${part} created the pool`);
        }
        const untouched = await send(cognate.url, { method: "POST", path: "/", headers, body: Buffer.from(body) });
        assert.equal(untouched.status, 200, "the same request, untouched, is accepted");
      });

      test("a presigned query string is no authentication: MissingAuthenticationTokenException, nothing created", async () => {
        const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
        const query = new URLSearchParams({
          "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
          "X-Amz-Credential": `${ADMIN.accessKeyId}/${date.slice(0, 8)}/us-east-1/cognito-idp/aws4_request`,
          "X-Amz-Date": date,
          "X-Amz-SignedHeaders": "host",
          "X-Amz-Signature": "0".repeat(64),
        });
        const response = await send(cognate.url, {
          method: "POST",
          path: `/?${query.toString()}`,
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGET_PREFIX}.CreateUserPool` },
          body: Buffer.from(JSON.stringify({ PoolName: "presigned" })),
        });
        assertAwsError(response, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        assert.ok(!(await poolNames(admin)).includes("presigned"));
      });

      test("a bearer token sent as Authorization is refused without being echoed", async () => {
        const token = "eyJhbGciOiJSUzI1NiJ9.eyJzZWNyZXQiOiJkby1ub3QtZWNobyJ9.c2lnbmF0dXJl";
        const response = await send(cognate.url, {
          method: "POST",
          path: "/",
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGET_PREFIX}.ListUserPools`, authorization: `Bearer ${token}` },
          body: Buffer.from(JSON.stringify({ MaxResults: 1 })),
        });
        assertAwsError(response, 400, "IncompleteSignatureException");
        assert.ok(!`${JSON.stringify(response.headers)}${response.body.toString("utf8")}`.includes(token.slice(0, 20)));
      });
    });

    describe("policies", () => {
      test("a region-scoped policy allows its region's pools and denies the others, changing nothing", async () => {
        const regional = cognate.client({ ...REGIONAL, region: "eu-west-1" });
        const { UserPool } = await cognate.client({ ...ADMIN, region: "eu-west-1" }).send(new CreateUserPoolCommand({ PoolName: "dublin" }));
        const { UserPool: described } = await regional.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
        assert.equal(described!.Name, "dublin");

        const denied = await signedCall(cognate, {
          operation: "AdminCreateUser",
          body: JSON.stringify({ UserPoolId: poolId, Username: "smuggled", MessageAction: "SUPPRESS" }),
          credentials: REGIONAL,
        });
        assertAwsError(
          denied,
          400,
          "AccessDeniedException",
          `User: arn:aws:iam::${ACCOUNT}:user/regional is not authorized to perform: cognito-idp:AdminCreateUser on resource: arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/${poolId}`,
        );
        const { Users } = await admin.send(new ListUsersCommand({ UserPoolId: poolId }));
        assert.deepEqual(Users, []);
      });

      test("a NotAction policy denies what it names: DeleteUserPool is refused and the pool stays", async () => {
        const userAdmin = cognate.client(USER_ADMIN);
        await userAdmin.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "allowed-group" }));
        const response = await signedCall(cognate, { operation: "DeleteUserPool", body: JSON.stringify({ UserPoolId: poolId }), credentials: USER_ADMIN });
        assertAwsError(
          response,
          400,
          "AccessDeniedException",
          `User: arn:aws:iam::${ACCOUNT}:user/user-admin is not authorized to perform: cognito-idp:DeleteUserPool on resource: arn:aws:cognito-idp:us-east-1:${ACCOUNT}:userpool/${poolId}`,
        );
        const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Name, "fortress");
      });

      test("a denied caller learns nothing about pools: an existing and a missing pool are denied alike, before validation", async () => {
        const missingPool = "us-east-1_NoSuchPoo1";
        const answers = [];
        for (const id of [poolId, missingPool]) {
          const response = await signedCall(cognate, {
            operation: "DescribeUserPool",
            body: JSON.stringify({ UserPoolId: id }),
            credentials: REGIONAL,
          });
          assertAwsError(response, 400, "AccessDeniedException");
          answers.push(String(jsonOf(response).message).replace(id, "<pool>"));
        }
        assert.equal(answers[0], answers[1]);
        const invalid = await signedCall(cognate, { operation: "DescribeUserPool", body: JSON.stringify({ UserPoolId: "not a pool id!" }), credentials: REGIONAL });
        assertAwsError(invalid, 400, "AccessDeniedException");
      });
    });

    describe("paths of the well-known endpoints", () => {
      const traversals = [
        "/..%2f..%2fetc%2fpasswd/.well-known/jwks.json",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd/.well-known/openid-configuration",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/..\\..\\etc\\passwd/.well-known/jwks.json",
        "/%252e%252e%252fetc%252fpasswd/.well-known/jwks.json",
        "/POOL/.well-known/..%2f..%2f..%2fetc%2fpasswd",
        "/POOL/.well-known/jwks.json/../../../../etc/passwd",
        "/POOL/.well-known/jwks.json%00.html",
        "/POOL%2f..%2f..%2fetc/.well-known/jwks.json",
        "/x/../POOL/.well-known/jwks.json",
        "/./POOL/.well-known/jwks.json",
        "//POOL/.well-known/jwks.json",
        "/POOL/.well-known//jwks.json",
        "/%0d%0aX-Injected:%20yes/.well-known/jwks.json",
      ];

      for (const template of traversals) {
        test(`GET ${template} is a 404 AWS error, never a file`, async () => {
          const path = template.replace("POOL", poolId);
          const response = await send(cognate.url, { method: "GET", path, headers: {}, body: Buffer.alloc(0) });
          assert.equal(response.status, 404, response.body.toString("utf8"));
          const json = jsonOf(response);
          assert.ok(json.__type === "ResourceNotFoundException" || json.__type === "UnknownOperationException", String(json.__type));
          assert.equal(typeof json.message, "string");
          assert.match(String(response.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
          assert.equal(response.headers["x-injected"], undefined);
          assert.doesNotMatch(response.body.toString("utf8"), /root:|\[fonts\]|"keys"/);
        });
      }

      test("the real pool's keys are served at its exact path only", async () => {
        const response = await send(cognate.url, { method: "GET", path: `/${poolId}/.well-known/jwks.json`, headers: {}, body: Buffer.alloc(0) });
        assert.equal(response.status, 200);
        assert.ok(Array.isArray(jsonOf(response).keys));
      });

      test("a malformed percent-encoding in the pool id is an AWS error with a request id", async () => {
        for (const path of ["/%ff/.well-known/jwks.json", "/%zz/.well-known/openid-configuration", "/us-east-1_%/.well-known/jwks.json"]) {
          const response = await send(cognate.url, { method: "GET", path, headers: {}, body: Buffer.alloc(0) });
          assert.ok(response.status === 400 || response.status === 404, `${path}: ${response.status}`);
          const json = jsonOf(response);
          assert.equal(typeof json.__type, "string", `${path}: ${response.body.toString("utf8")}`);
          assert.equal(typeof json.message, "string");
          assert.match(String(response.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/, path);
        }
      });

      test("a very long pool id is ResourceNotFoundException, not a router error", async () => {
        for (const length of [101, 1000, 6000]) {
          const longId = `us-east-1_${"A".repeat(length)}`;
          const response = await send(cognate.url, { method: "GET", path: `/${longId}/.well-known/jwks.json`, headers: {}, body: Buffer.alloc(0) });
          assertAwsError(response, 404, "ResourceNotFoundException");
        }
      });
    });

    describe("sizes", () => {
      test("a signed body over 1 MiB is 413 RequestEntityTooLargeException and creates nothing", async () => {
        const body = JSON.stringify({ PoolName: "too-big", Padding: "x".repeat(1024 * 1024) });
        assertAwsError(await signedCall(cognate, { operation: "CreateUserPool", body }), 413, "RequestEntityTooLargeException");
        assert.ok(!(await poolNames(admin)).includes("too-big"));
      });

      test("a chunked body growing past 1 MiB is cut off with 413", async () => {
        const { hostname, port } = new URL(cognate.url);
        const status = await new Promise<number>((resolve, reject) => {
          const request = http.request(
            {
              host: hostname,
              port,
              method: "POST",
              path: "/",
              headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGET_PREFIX}.ListUserPools`, "transfer-encoding": "chunked" },
            },
            (response) => {
              response.resume();
              resolve(response.statusCode ?? 0);
            },
          );
          request.on("error", reject);
          const chunk = Buffer.alloc(256 * 1024, 0x20);
          for (let i = 0; i < 6; i++) request.write(chunk);
          request.end();
        });
        assert.equal(status, 413);
      });

      test("a Content-Length of 10 GB is refused at once with 413, without waiting for the body", async () => {
        const answer = await rawExchange(
          cognate.url,
          `POST / HTTP/1.1\r\nHost: cognate\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ${TARGET_PREFIX}.ListUserPools\r\n` +
            `Content-Length: 10000000000\r\nConnection: close\r\n\r\n{}`,
        );
        assert.match(answer, /^HTTP\/1\.1 413 /);
        assert.match(answer, /"__type":"RequestEntityTooLargeException"/);
      });

      test("headers over node's limit (one huge header, or thousands) are 431 and the server keeps serving", async () => {
        const huge = await send(cognate.url, {
          method: "POST",
          path: "/",
          headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${TARGET_PREFIX}.ListUserPools`, "x-padding": "a".repeat(20_000) },
          body: Buffer.from("{}"),
        });
        assert.equal(huge.status, 431);
        const many = Array.from({ length: 3000 }, (_, i) => `X-Header-${i}: value\r\n`).join("");
        const answer = await rawExchange(cognate.url, `POST / HTTP/1.1\r\nHost: cognate\r\n${many}Content-Length: 2\r\nConnection: close\r\n\r\n{}`);
        assert.match(answer, /^HTTP\/1\.1 431 /);
        const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Name, "fortress");
      });

      test("an error message echoing a huge value still reaches the SDK as the modelled error", async () => {
        await assert.rejects(admin.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: "g".repeat(200_000) })), (error: Error) => {
          assert.ok(error instanceof InvalidParameterException, `${error.name}: ${error.message.slice(0, 200)}`);
          assert.match(error.message, /^1 validation error detected: Value '(g+)' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128/);
          return true;
        });
      });
    });

    describe("response headers", () => {
      test("CR/LF in an echoed member cannot inject a header: x-amzn-errormessage stays on one line", async () => {
        const body = JSON.stringify({ UserPoolId: "us-east-1_abc\r\nX-Injected: yes\r\n\r\n<html>" });
        const response = await signedCall(cognate, { operation: "DescribeUserPool", body });
        assertAwsError(response, 400, "InvalidParameterException");
        assert.match(String(jsonOf(response).message), /us-east-1_abc\r\nX-Injected: yes/, "the body keeps the value, JSON-escaped");
        assert.equal(response.headers["x-injected"], undefined);
        const headerMessage = String(response.headers["x-amzn-errormessage"]);
        assert.doesNotMatch(headerMessage, /[\r\n\0]/);
        assert.match(headerMessage, /^[\x20-\x7e]*$/);
      });

      test("a request header carrying CR, LF or NUL is refused by the HTTP parser and the server keeps serving", async () => {
        for (const smuggled of ["ListUserPools\rX-Evil: 1", "List\0UserPools"]) {
          const answer = await rawExchange(
            cognate.url,
            `POST / HTTP/1.1\r\nHost: cognate\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: ${TARGET_PREFIX}.${smuggled}\r\n` +
              `Content-Length: 2\r\nConnection: close\r\n\r\n{}`,
          );
          assert.match(answer, /^HTTP\/1\.1 400 /);
          assert.doesNotMatch(answer, /X-Evil/i);
        }
        const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Name, "fortress");
      });
    });
  });
}

describe("constant-time comparison of secrets (read from the source)", () => {
  const root = fileURLToPath(new URL("../../src/", import.meta.url));
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) sources.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  walk(root);

  /** Every place outside its definition where `fn` is called, with the variable its result lands in. */
  function callSites(fn: string): { file: string; variable: string | undefined }[] {
    const sites = [];
    for (const [file, text] of sources) {
      for (const line of text.split("\n")) {
        if (!line.includes(`${fn}(`) || new RegExp(`function ${fn}\\(`).test(line)) continue;
        sites.push({ file, variable: new RegExp(`(?:const|let) (\\w+) = (?:Buffer\\.from\\()?${fn}\\(`).exec(line)?.[1] });
      }
    }
    return sites;
  }

  /**
   * The computed secret goes into timingSafeEqual and into no ordinary comparison. `presentedIn` names the
   * files that compute one to send it, never to compare it.
   */
  function assertComparedInConstantTime(fn: string, presentedIn: readonly string[] = []): void {
    const sites = callSites(fn).filter(({ file }) => !presentedIn.includes(file));
    assert.ok(sites.length > 0, `${fn} is never called`);
    for (const { file, variable } of sites) {
      assert.ok(variable !== undefined, `${file}: the result of ${fn} must be kept in a variable and compared with timingSafeEqual`);
      const text = sources.get(file)!;
      assert.match(text, /import \{[^}]*\btimingSafeEqual\b[^}]*\} from "node:crypto"/, `${file} imports timingSafeEqual`);
      assert.match(text, new RegExp(`timingSafeEqual\\([^;]*\\b${variable}\\b`), `${file}: ${variable} goes through timingSafeEqual`);
      assert.doesNotMatch(text, new RegExp(`\\b${variable}\\s*[!=]==?|[!=]==?\\s*${variable}\\b(?!\\.)`), `${file}: ${variable} is compared with ===`);
      assert.doesNotMatch(text, new RegExp(`\\b${variable}\\.equals\\(|\\.equals\\(${variable}\\b|Buffer\\.compare\\(`), `${file}: Buffer.equals/compare are not constant-time`);
    }
  }

  test("the SigV4 signature is compared with timingSafeEqual", () => assertComparedInConstantTime("computeSignature"));

  // The managed login pages present a SECRET_HASH for their client, as its app would; the API checks it.
  test("SECRET_HASH is compared with timingSafeEqual", () => assertComparedInConstantTime("secretHashOf", [join("domain", "oauth", "pageSecretHash.ts")]));

  test("the SRP password claim signature is compared with timingSafeEqual", () => assertComparedInConstantTime("passwordClaimSignature"));

  test("a client secret presented as such is compared with timingSafeEqual, and never with ===", () => {
    const checker = sources.get(join("domain", "tokens", "clientSecret.ts"));
    assert.ok(checker !== undefined, "domain/tokens/clientSecret.ts checks client secrets");
    assert.match(checker, /const expected = Buffer\.from\(secret\.value/);
    assert.match(checker, /timingSafeEqual\(expected, presented\)/);
    for (const [file, text] of sources) {
      if (file.startsWith("storage/contract/")) continue;
      assert.doesNotMatch(
        text,
        /\.secret\s*[!=]==?\s*(?!undefined\b|null\b)[\w"'`]|[\w)"'`]\s*[!=]==?\s*[\w.]*\.secret\b/,
        `${file} compares a secret with ===`,
      );
    }
  });

  test("refresh tokens and challenge sessions are found by their SHA-256, never by the token itself", () => {
    const lookups = [
      { store: "refreshTokens", key: "refreshTokenId" },
      { store: "sessions", key: "sessionId" },
    ];
    for (const { store, key } of lookups) {
      let found = 0;
      for (const [file, text] of sources) {
        if (file.startsWith("storage/")) continue;
        for (const match of text.matchAll(new RegExp(`\\.${store}\\.get\\(([^)]*)`, "g"))) {
          found++;
          // A pending passkey registration is no token: it is kept under a name no token's hash can equal.
          if (file === "domain/webAuthn/registration.ts" && match[1] === "id") continue;
          assert.ok(match[1]!.startsWith(`${key}(`), `${file}: ${store}.get(${match[1]}) must look up ${key}(token)`);
        }
      }
      assert.ok(found > 0, `no ${store} lookup found`);
    }
    for (const [file, name] of [
      [join("domain", "tokens", "refreshToken.ts"), "refreshTokenId"],
      [join("domain", "auth", "sessions.ts"), "sessionId"],
    ] as const) {
      assert.match(sources.get(file) ?? "", new RegExp(`function ${name}\\(token: string\\): string \\{\\s*return createHash\\("sha256"\\)`), `${file}: ${name} is a SHA-256`);
    }
  });
});
