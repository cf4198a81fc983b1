import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { CognitoIdentityProviderClient, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { FrameworkError } from "../../errors/frameworkError.js";
import { parseCredentialsFile } from "./credentials.js";
import { authenticate, computeSignature, type AuthenticateOptions, type SignedRequest } from "./verify.js";

const ADMIN = { name: "admin", accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: "a-long-random-secret-for-tests" };
const credentials = parseCredentialsFile(JSON.stringify({ credentials: [ADMIN] }), "test");
const SIGNED_AT = new Date("2026-11-27T12:00:00Z");
const TARGET = "AWSCognitoIdentityProviderService.ListUserPools";

interface SignOptions {
  body?: string;
  region?: string;
  service?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  path?: string;
  query?: Record<string, string>;
  at?: Date;
}

/** Signs a Cognito request exactly as the AWS SDK v3 does, and returns it as the server would receive it. */
async function signed(options: SignOptions = {}): Promise<SignedRequest> {
  const body = options.body ?? JSON.stringify({ MaxResults: 10 });
  const signer = new SignatureV4({
    service: options.service ?? "cognito-idp",
    region: options.region ?? "eu-west-1",
    credentials: {
      accessKeyId: options.accessKeyId ?? ADMIN.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? ADMIN.secretAccessKey,
      ...(options.sessionToken === undefined ? {} : { sessionToken: options.sessionToken }),
    },
    sha256: Sha256,
  });
  const request = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9229,
      path: options.path ?? "/",
      query: options.query ?? {},
      headers: {
        host: "127.0.0.1:9229",
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": TARGET,
      },
      body,
    },
    { signingDate: options.at ?? SIGNED_AT },
  );
  // The query string as the SDK's HTTP handler writes it.
  const query = new URLSearchParams(options.query ?? {}).toString().replace(/\+/g, "%20");
  return {
    method: "POST",
    path: `${options.path ?? "/"}${query === "" ? "" : `?${query}`}`,
    headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
    body: Buffer.from(body),
  };
}

const secure: AuthenticateOptions = { credentials, accountId: "123456789012", now: SIGNED_AT };
const dev: AuthenticateOptions = { ...secure, credentials: null };

function refusal(run: () => unknown): FrameworkError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof FrameworkError, `expected a FrameworkError, got ${String(error)}`);
    assert.equal(error.status, 400);
    return error;
  }
  assert.fail("the request was expected to be refused");
}

function withAuthorization(request: SignedRequest, edit: (authorization: string) => string): SignedRequest {
  return { ...request, headers: { ...request.headers, authorization: edit(String(request.headers.authorization)) } };
}

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

describe("SigV4 signature computation", () => {
  const vector = {
    headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" },
    signedHeaders: ["host", "x-amz-date"],
    body: Buffer.alloc(0),
    timestamp: "20150830T123600Z",
    scope: { date: "20150830", region: "us-east-1", service: "service" },
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  };

  test("matches AWS's published test suite: get-vanilla", () => {
    assert.equal(
      computeSignature({ ...vector, method: "GET", path: "/" }),
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  test("matches AWS's published test suite: get-vanilla-query-order-key-case (the query is sorted)", () => {
    assert.equal(
      computeSignature({ ...vector, method: "GET", path: "/?Param2=value2&Param1=value1" }),
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    );
  });

  test("matches AWS's published test suite: post-vanilla", () => {
    assert.equal(
      computeSignature({ ...vector, method: "POST", path: "/" }),
      "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
    );
  });

  test("matches AWS's published test suite: post-x-www-form-urlencoded (a body and a signed content type)", () => {
    assert.equal(
      computeSignature({
        ...vector,
        method: "POST",
        path: "/",
        headers: { ...vector.headers, "content-type": "application/x-www-form-urlencoded" },
        signedHeaders: ["content-type", "host", "x-amz-date"],
        body: Buffer.from("Param1=value1"),
      }),
      "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
    );
  });
});

describe("secure mode", () => {
  test("a request signed by a configured key yields the credential's caller", async () => {
    const caller = authenticate(await signed(), secure);
    assert.equal(caller.accessKeyId, ADMIN.accessKeyId);
    assert.equal(caller.region, "eu-west-1");
    assert.equal(caller.accountId, "123456789012");
    assert.equal(caller.arn, "arn:aws:iam::123456789012:user/admin");
    assert.equal(caller.credential?.name, "admin");
  });

  test("a path and a query string that need encoding verify as the SDK signed them", async () => {
    const request = await signed({ path: "/some%20path/./a%2Fb/../c/", query: { b: "x y", a: "1/2", "ü": "é" } });
    assert.equal(authenticate(request, secure).credential?.name, "admin");
  });

  test("a signed session token header is accepted; the key id alone identifies the caller", async () => {
    const request = await signed({ sessionToken: "a-token-cognate-never-issued" });
    assert.ok(String(request.headers.authorization).includes("x-amz-security-token"));
    assert.equal(authenticate(request, secure).credential?.name, "admin");
  });

  test("the skew window is inclusive at exactly 15 minutes either way", async () => {
    const request = await signed();
    authenticate(request, { ...secure, now: new Date(SIGNED_AT.getTime() + 15 * 60_000) });
    authenticate(request, { ...secure, now: new Date(SIGNED_AT.getTime() - 15 * 60_000) });
  });

  test("a body changed after signing is refused, whatever x-amz-content-sha256 claims", async () => {
    const request = await signed();
    // Still the hash of the original body: a verifier trusting it would accept the new body.
    assert.ok(request.headers["x-amz-content-sha256"]);
    const error = refusal(() => authenticate({ ...request, body: Buffer.from(JSON.stringify({ MaxResults: 60 })) }, secure));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(error.message, MISMATCH);
  });

  test("a target header changed after signing is refused", async () => {
    const request = await signed();
    const headers = { ...request.headers, "x-amz-target": "AWSCognitoIdentityProviderService.DeleteUserPool" };
    const error = refusal(() => authenticate({ ...request, headers }, secure));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(error.message, MISMATCH);
  });

  test("a date changed within the same day is refused as a signature mismatch", async () => {
    const request = await signed();
    const error = refusal(() => authenticate({ ...request, headers: { ...request.headers, "x-amz-date": "20261127T120001Z" } }, secure));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(error.message, MISMATCH);
  });

  test("a wrong secret is InvalidSignatureException", async () => {
    const request = await signed({ secretAccessKey: "not-the-secret" });
    const error = refusal(() => authenticate(request, secure));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(error.message, MISMATCH);
  });

  test("an unknown access key is UnrecognizedClientException", async () => {
    const request = await signed({ accessKeyId: "AKIAUNKNOWNKEY00001" });
    const error = refusal(() => authenticate(request, secure));
    assert.equal(error.type, "UnrecognizedClientException");
    assert.equal(error.message, "The security token included in the request is invalid.");
  });

  test("a signature more than 15 minutes old has expired", async () => {
    const request = await signed();
    const error = refusal(() => authenticate(request, { ...secure, now: new Date(SIGNED_AT.getTime() + 16 * 60_000) }));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(error.message, "Signature expired: 20261127T120000Z is now earlier than 20261127T120100Z (20261127T121600Z - 15 min.)");
  });

  test("a signature more than 15 minutes in the future is not yet current", async () => {
    const request = await signed();
    const error = refusal(() => authenticate(request, { ...secure, now: new Date(SIGNED_AT.getTime() - 16 * 60_000) }));
    assert.equal(error.type, "InvalidSignatureException");
    assert.equal(
      error.message,
      "Signature not yet current: 20261127T120000Z is still later than 20261127T115900Z (20261127T114400Z + 15 min.)",
    );
  });

  test("no message ever contains the secret", async () => {
    const requests = [
      await signed({ secretAccessKey: "not-the-secret" }),
      await signed({ body: "{}" }).then((request) => ({ ...request, body: Buffer.from("{ }") })),
      await signed({ service: "dynamodb" }),
    ];
    for (const request of requests) {
      const error = refusal(() => authenticate(request, secure));
      assert.ok(!error.message.includes(ADMIN.secretAccessKey));
      assert.ok(!error.message.includes("not-the-secret"));
    }
  });
});

describe("dev mode", () => {
  test("any access key passes without its signature being checked; the key names the caller", async () => {
    const request = await signed({ accessKeyId: "test", secretAccessKey: "whatever", region: "ap-southeast-2" });
    const caller = authenticate({ ...request, body: Buffer.from("tampered") }, dev);
    assert.deepEqual(caller, {
      accessKeyId: "test",
      region: "ap-southeast-2",
      accountId: "123456789012",
      arn: "arn:aws:iam::123456789012:user/test",
    });
  });

  test("the clock is not checked", async () => {
    authenticate(await signed({ at: new Date("2020-01-01T00:00:00Z") }), dev);
  });

  test("an empty access key is UnrecognizedClientException", async () => {
    const request = withAuthorization(await signed(), (a) => a.replace(`Credential=${ADMIN.accessKeyId}/`, "Credential=/"));
    assert.equal(refusal(() => authenticate(request, dev)).type, "UnrecognizedClientException");
  });
});

for (const [mode, opts] of [
  ["dev", dev],
  ["secure", secure],
] as const) {
  describe(`checks made in ${mode} mode too`, () => {
    test("no Authorization header, or an empty one, is MissingAuthenticationTokenException", async () => {
      const request = await signed();
      for (const authorization of [undefined, " "]) {
        const error = refusal(() => authenticate({ ...request, headers: { ...request.headers, authorization } }, opts));
        assert.equal(error.type, "MissingAuthenticationTokenException");
        assert.equal(error.message, "Missing Authentication Token");
      }
    });

    const incomplete: [string, (request: SignedRequest) => SignedRequest, string][] = [
      [
        "a header that is not SigV4 (and is never echoed)",
        (request) => withAuthorization(request, () => "Bearer eyJhbGciOi.secret-token"),
        "Authorization header contains a parameter that is not a valid key=value pair (missing equal-sign).",
      ],
      [
        "an algorithm without parameters",
        (request) => withAuthorization(request, () => "AWS4-HMAC-SHA256"),
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
          "Authorization header requires 'SignedHeaders' parameter.",
      ],
      [
        "a missing Signature",
        (request) => withAuthorization(request, (a) => a.replace(/, Signature=\w+/, "")),
        "Authorization header requires 'Signature' parameter.",
      ],
      [
        "an empty Credential",
        (request) => withAuthorization(request, (a) => a.replace(/Credential=[^,]+/, "Credential=")),
        "Authorization header requires 'Credential' parameter.",
      ],
      [
        "no x-amz-date or date header",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": undefined } }),
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      ],
      [
        "an x-amz-date not in ISO-8601 basic format",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": "2026-11-27T12:00:00Z" } }),
        "Date must be in ISO-8601 'basic format'. Got '2026-11-27T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "an impossible x-amz-date",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": "20261327T120000Z" } }),
        "Date must be in ISO-8601 'basic format'. Got '20261327T120000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "an x-amz-date on 31 April",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": "20260431T120000Z" } }),
        "Date must be in ISO-8601 'basic format'. Got '20260431T120000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "an x-amz-date at second 60",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": "20261127T120060Z" } }),
        "Date must be in ISO-8601 'basic format'. Got '20261127T120060Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "an x-amz-date in the year 99",
        (request) => ({ ...request, headers: { ...request.headers, "x-amz-date": "00991127T120000Z" } }),
        "Date must be in ISO-8601 'basic format'. Got '00991127T120000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "a Date header in HTTP format instead of x-amz-date",
        (request) => ({
          ...request,
          headers: { ...request.headers, "x-amz-date": undefined, date: "Fri, 27 Nov 2026 12:00:00 GMT" },
        }),
        "Date must be in ISO-8601 'basic format'. Got 'Fri, 27 Nov 2026 12:00:00 GMT'. See http://en.wikipedia.org/wiki/ISO_8601",
      ],
      [
        "another algorithm",
        (request) => withAuthorization(request, (a) => a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")),
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
      ],
      [
        "a credential with four elements",
        (request) => withAuthorization(request, (a) => a.replace("/aws4_request", "")),
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
          `got '${ADMIN.accessKeyId}/20261127/eu-west-1/cognito-idp'`,
      ],
      [
        "a signature that is not 64 hex characters",
        (request) => withAuthorization(request, (a) => a.replace(/Signature=\w+/, "Signature=abc")),
        "Signature must be 64 lower-case hexadecimal characters.",
      ],
    ];
    for (const [fault, tamper, message] of incomplete) {
      test(`${fault} is IncompleteSignatureException`, async () => {
        const request = tamper(await signed());
        const error = refusal(() => authenticate(request, opts));
        assert.equal(error.type, "IncompleteSignatureException");
        assert.equal(error.message, message);
      });
    }

    test("a SignedHeaders list without host is InvalidSignatureException", async () => {
      const request = withAuthorization(await signed(), (a) => a.replace(/SignedHeaders=[^,]+/, "SignedHeaders=content-type;x-amz-date"));
      const error = refusal(() => authenticate(request, opts));
      assert.equal(error.type, "InvalidSignatureException");
      assert.equal(error.message, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    });

    test("a scope naming another service is InvalidSignatureException", async () => {
      const request = await signed({ service: "dynamodb" });
      const error = refusal(() => authenticate(request, opts));
      assert.equal(error.type, "InvalidSignatureException");
      assert.equal(error.message, "Credential should be scoped to correct service: 'cognito-idp'. ");
    });

    test("a scope naming something that is not a region is InvalidSignatureException", async () => {
      const request = await signed({ region: "local" });
      const error = refusal(() => authenticate(request, opts));
      assert.equal(error.type, "InvalidSignatureException");
      assert.equal(error.message, "Credential should be scoped to a valid region, not 'local'. ");
    });

    test("regions of every partition are valid", async () => {
      for (const region of ["us-east-1", "us-gov-west-1", "cn-north-1", "eu-isoe-west-1", "us-isob-east-1", "eusc-de-east-1"]) {
        assert.equal(authenticate(await signed({ region }), opts).region, region);
      }
    });

    test("a scope date other than the request's date is InvalidSignatureException", async () => {
      const lateEvening = new Date("2026-11-27T23:58:00Z");
      const request = await signed({ at: lateEvening });
      request.headers["x-amz-date"] = "20261128T000100Z";
      const error = refusal(() => authenticate(request, { ...opts, now: lateEvening }));
      assert.equal(error.type, "InvalidSignatureException");
      assert.equal(
        error.message,
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
          "'20261127' != '20261128', from '20261128T000100Z'.",
      );
    });

    test("every fault of the scope is reported at once", async () => {
      const request = withAuthorization(await signed(), (a) =>
        a.replace("/eu-west-1/cognito-idp/aws4_request", "/local/sts/aws5_request"),
      );
      const error = refusal(() => authenticate(request, opts));
      assert.equal(error.type, "InvalidSignatureException");
      assert.equal(
        error.message,
        "Credential should be scoped to a valid region, not 'local'. " +
          "Credential should be scoped to correct service: 'cognito-idp'. " +
          "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
      );
    });
  });
}

describe("through the AWS SDK over HTTP", () => {
  test("the SDK's own signed requests verify, and a wrong secret surfaces as InvalidSignatureException", async () => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        res.setHeader("content-type", "application/x-amz-json-1.1");
        try {
          const caller = authenticate(
            { method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks) },
            { ...secure, now: new Date() },
          );
          res.end(JSON.stringify({ UserPools: [{ Id: `${caller.region}_callerpool`, Name: caller.arn }] }));
        } catch (error) {
          const { type, message } = error as FrameworkError;
          res.statusCode = 400;
          res.setHeader("x-amzn-errortype", type);
          res.end(JSON.stringify({ __type: type, message }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = (secretAccessKey: string) =>
      new CognitoIdentityProviderClient({
        region: "eu-central-1",
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: { accessKeyId: ADMIN.accessKeyId, secretAccessKey },
        maxAttempts: 1,
      });
    try {
      const { UserPools } = await client(ADMIN.secretAccessKey).send(new ListUserPoolsCommand({ MaxResults: 1 }));
      assert.deepEqual(UserPools, [{ Id: "eu-central-1_callerpool", Name: "arn:aws:iam::123456789012:user/admin" }]);

      await assert.rejects(client("not-the-secret").send(new ListUserPoolsCommand({ MaxResults: 1 })), {
        name: "InvalidSignatureException",
        message: MISMATCH,
      });
    } finally {
      server.close();
    }
  });
});
