import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { CredentialsFileError, loadCredentialsFile, parseCredentialsFile } from "./credentials.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const admin = { name: "admin", accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: SECRET };
const ops = { name: "ops", accessKeyId: "AKIAEXAMPLEOPS00001", secretAccessKey: "ops-secret-value" };

function fileWith(...entries: unknown[]): string {
  return JSON.stringify({ credentials: entries });
}

/** Parses, expects a refusal, and checks the message is one line that leaks no secret. */
function refusal(text: string): string {
  try {
    parseCredentialsFile(text, "/etc/cognate/credentials.json");
  } catch (error) {
    assert.ok(error instanceof CredentialsFileError);
    assert.ok(!error.message.includes("\n"), "one line");
    for (const secret of [SECRET, ops.secretAccessKey, "leaked-secret"]) assert.ok(!error.message.includes(secret), error.message);
    return error.message;
  }
  assert.fail("the file was expected to be refused");
}

function withPolicy(policy: unknown): string {
  return fileWith({ ...admin, policy });
}

describe("a valid credentials file", () => {
  test("finds each credential by its access key id", () => {
    const set = parseCredentialsFile(fileWith(admin, ops), "inline");
    assert.equal(set.size, 2);
    assert.equal(set.byAccessKeyId(admin.accessKeyId)?.name, "admin");
    assert.equal(set.byAccessKeyId(admin.accessKeyId)?.secretAccessKey, SECRET);
    assert.equal(set.byAccessKeyId(ops.accessKeyId)?.name, "ops");
    assert.equal(set.byAccessKeyId("AKIAUNKNOWNKEY00001"), undefined);
    assert.equal(set.byAccessKeyId(admin.accessKeyId)?.policy, undefined);
  });

  test("normalises the policy: Statement and every list become arrays", () => {
    const set = parseCredentialsFile(
      withPolicy({
        Version: "2012-10-17",
        Statement: { Sid: "ReadOnly", Effect: "Allow", Action: "cognito-idp:List*", NotResource: "arn:aws:cognito-idp:*:*:userpool/x" },
      }),
      "inline",
    );
    assert.deepEqual(set.byAccessKeyId(admin.accessKeyId)?.policy, {
      Version: "2012-10-17",
      Statement: [
        { Sid: "ReadOnly", Effect: "Allow", Action: ["cognito-idp:List*"], NotResource: ["arn:aws:cognito-idp:*:*:userpool/x"] },
      ],
    });
  });

  test("keeps several statements, NotAction and the 2008 version", () => {
    const policy = {
      Version: "2008-10-17",
      Id: "ops-policy",
      Statement: [
        { Effect: "Allow", Action: ["cognito-idp:*"], Resource: ["*"] },
        { Effect: "Deny", NotAction: ["cognito-idp:Describe*", "cognito-idp:Get?ser"], Resource: "*" },
      ],
    };
    const set = parseCredentialsFile(withPolicy(policy), "inline");
    assert.deepEqual(set.byAccessKeyId(admin.accessKeyId)?.policy, {
      ...policy,
      Statement: [policy.Statement[0], { ...policy.Statement[1], Resource: ["*"] }],
    });
  });

  test("never shows the secret when a credential is logged or serialised", () => {
    const credential = parseCredentialsFile(fileWith(admin), "inline").byAccessKeyId(admin.accessKeyId)!;
    assert.ok(!JSON.stringify(credential).includes(SECRET));
    assert.ok(!inspect(credential, { depth: 5 }).includes(SECRET));
    assert.ok(!inspect({ caller: { credential } }, { depth: 5 }).includes(SECRET));
  });

  test("is read from disk by loadCredentialsFile", () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-credentials-"));
    try {
      const path = join(dir, "credentials.json");
      writeFileSync(path, fileWith(admin));
      assert.equal(loadCredentialsFile(path).byAccessKeyId(admin.accessKeyId)?.name, "admin");
      assert.throws(() => loadCredentialsFile(join(dir, "missing.json")), {
        name: "CredentialsFileError",
        message: `credentials file ${join(dir, "missing.json")}: cannot be read (ENOENT)`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a credentials file refused with a message naming the entry", () => {
  const prefix = "credentials file /etc/cognate/credentials.json: ";
  const cases: [string, string, string][] = [
    ["text that is not JSON", `{"credentials": [{"secretAccessKey": leaked-secret}]}`, "is not valid JSON"],
    [
      "JSON broken at a known position",
      `{"credentials": [\n  {"name": "admin",}\n]}`,
      "is not valid JSON (line 2, column 20)",
    ],
    ["a top level that is not an object", "[]", 'must be a JSON object with a "credentials" array'],
    ["an unknown top-level field", JSON.stringify({ credentials: [admin], keys: [] }), 'unknown field "keys" (expected only "credentials")'],
    ["credentials that are not an array", JSON.stringify({ credentials: admin }), '"credentials" must be an array'],
    ["no credentials at all", fileWith(), '"credentials" must list at least one credential'],
    ["an entry that is not an object", fileWith(admin, "ops"), "credentials[1]: must be an object"],
    ["an unknown entry field", fileWith({ ...admin, role: "root" }), 'credentials[0] ("admin"): unknown field "role"'],
    [
      "a name that is not an IAM user name",
      fileWith({ ...admin, name: "bad name" }),
      'credentials[0]: "name" must be an IAM user name: 1 to 64 characters from letters, digits and +=,.@_-',
    ],
    [
      "a name that is too long",
      fileWith({ ...admin, name: "n".repeat(65) }),
      'credentials[0]: "name" must be an IAM user name: 1 to 64 characters from letters, digits and +=,.@_-',
    ],
    [
      "a secret put where the name belongs is not echoed",
      fileWith({ ...admin, name: "leaked-secret/with slash" }),
      'credentials[0]: "name" must be an IAM user name: 1 to 64 characters from letters, digits and +=,.@_-',
    ],
    [
      "a missing accessKeyId",
      fileWith({ name: "admin", secretAccessKey: SECRET }),
      'credentials[0] ("admin"): "accessKeyId" must be 16 to 128 letters, digits or underscores',
    ],
    [
      "a short accessKeyId",
      fileWith({ ...admin, accessKeyId: "AKIA123" }),
      'credentials[0] ("admin"): "accessKeyId" must be 16 to 128 letters, digits or underscores',
    ],
    [
      "an empty secret",
      fileWith({ ...admin, secretAccessKey: "" }),
      'credentials[0] ("admin"): "secretAccessKey" must be a non-empty string',
    ],
    [
      "a duplicate access key",
      fileWith(admin, { ...ops, accessKeyId: admin.accessKeyId }),
      `credentials[1] ("ops"): duplicate accessKeyId ${admin.accessKeyId} (also used by credentials[0] ("admin"))`,
    ],
    [
      "a duplicate name, compared without case as IAM does",
      fileWith(admin, { ...ops, name: "Admin" }),
      'credentials[1] ("Admin"): duplicate name (also used by credentials[0] ("admin"))',
    ],
  ];
  for (const [fault, text, detail] of cases) {
    test(fault, () => assert.equal(refusal(text), prefix + detail));
  }
});

describe("a policy refused for its syntax", () => {
  const entry = 'credentials file /etc/cognate/credentials.json: credentials[0] ("admin"): policy';
  const allow = { Effect: "Allow", Action: "cognito-idp:*", Resource: "*" };
  const cases: [string, unknown, string][] = [
    ["a policy that is not an object", "allow-all", " must be an IAM policy document (a JSON object)"],
    ["an unknown policy field", { Statement: [allow], Principal: "*" }, ': unknown field "Principal"'],
    ["an unknown version", { Version: "2024-01-01", Statement: [allow] }, '.Version must be "2012-10-17" or "2008-10-17"'],
    ["an Id that is not a string", { Id: 7, Statement: [allow] }, ".Id must be a string"],
    ["no Statement", { Version: "2012-10-17" }, ".Statement is required"],
    ["an empty Statement array", { Statement: [] }, ".Statement must not be an empty array"],
    ["a statement that is not an object", { Statement: [allow, "deny"] }, ".Statement[1] must be an object"],
    ["an unknown statement field", { Statement: [{ ...allow, Principal: "*" }] }, '.Statement[0]: unknown field "Principal"'],
    [
      "a Condition",
      { Statement: [{ ...allow, Condition: { Bool: { "aws:SecureTransport": "true" } } }] },
      ".Statement[0].Condition is not supported",
    ],
    ["a Sid that is not a string", { Statement: [{ ...allow, Sid: 1 }] }, ".Statement[0].Sid must be a string"],
    ["no Effect", { Statement: [{ Action: "*", Resource: "*" }] }, '.Statement[0].Effect must be "Allow" or "Deny"'],
    ["a lower-case Effect", { Statement: [{ ...allow, Effect: "allow" }] }, '.Statement[0].Effect must be "Allow" or "Deny"'],
    ["neither Action nor NotAction", { Statement: [{ Effect: "Allow", Resource: "*" }] }, ".Statement[0]: exactly one of Action or NotAction is required"],
    [
      "both Action and NotAction",
      { Statement: [{ ...allow, NotAction: "cognito-idp:Delete*" }] },
      ".Statement[0]: exactly one of Action or NotAction is required",
    ],
    ["an empty Action array", { Statement: [{ ...allow, Action: [] }] }, ".Statement[0].Action must be a string or a non-empty array of strings"],
    ["an Action that is not a string", { Statement: [{ ...allow, Action: [7] }] }, ".Statement[0].Action must be a string or a non-empty array of strings"],
    [
      "an Action without a service prefix",
      { Statement: [{ ...allow, Action: ["cognito-idp:*", "ListUsers"] }] },
      '.Statement[0].Action[1] must be "*" or "<service>:<action>"',
    ],
    ["neither Resource nor NotResource", { Statement: [{ Effect: "Allow", Action: "*" }] }, ".Statement[0]: exactly one of Resource or NotResource is required"],
    ["a Resource that is not an ARN", { Statement: [{ ...allow, Resource: "userpool/x" }] }, '.Statement[0].Resource must be "*" or an ARN'],
  ];
  for (const [fault, policy, detail] of cases) {
    test(fault, () => assert.equal(refusal(withPolicy(policy)), entry + detail));
  }
});
