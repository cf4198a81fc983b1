import { test } from "node:test";
import assert from "node:assert/strict";
import type { PolicyDocument } from "../sigv4/credentials.js";
import { policyAllows, wildcardMatch } from "./policy.js";

const POOL = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbCdEfGhI";
const OTHER_POOL = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Other1234";

function policy(...Statement: PolicyDocument["Statement"]): PolicyDocument {
  return { Version: "2012-10-17", Statement };
}

test("without a policy everything is allowed", () => {
  assert.equal(policyAllows(undefined, "cognito-idp:AdminSetUserPassword", POOL), true);
});

test("no matching Allow means deny", () => {
  const readOnly = policy({ Effect: "Allow", Action: ["cognito-idp:Describe*", "cognito-idp:List*"], Resource: ["*"] });
  assert.equal(policyAllows(readOnly, "cognito-idp:DescribeUserPool", POOL), true);
  assert.equal(policyAllows(readOnly, "cognito-idp:AdminSetUserPassword", POOL), false);
});

test("an explicit Deny wins over any Allow", () => {
  const doc = policy(
    { Effect: "Allow", Action: ["cognito-idp:*"], Resource: ["*"] },
    { Effect: "Deny", Action: ["cognito-idp:AdminSetUserPassword"], Resource: [POOL] },
  );
  assert.equal(policyAllows(doc, "cognito-idp:AdminSetUserPassword", POOL), false);
  assert.equal(policyAllows(doc, "cognito-idp:AdminSetUserPassword", OTHER_POOL), true);
  assert.equal(policyAllows(doc, "cognito-idp:AdminGetUser", POOL), true);
});

test("NotAction and NotResource allow everything but what they name", () => {
  const doc = policy({ Effect: "Allow", NotAction: ["cognito-idp:Delete*"], NotResource: [OTHER_POOL] });
  assert.equal(policyAllows(doc, "cognito-idp:AdminGetUser", POOL), true);
  assert.equal(policyAllows(doc, "cognito-idp:DeleteUserPool", POOL), false);
  assert.equal(policyAllows(doc, "cognito-idp:AdminGetUser", OTHER_POOL), false);
});

test("operations without a pool are authorised on *, which pool-scoped resources do not match", () => {
  const poolsOnly = policy({ Effect: "Allow", Action: ["cognito-idp:*"], Resource: ["arn:aws:cognito-idp:*:*:userpool/*"] });
  assert.equal(policyAllows(poolsOnly, "cognito-idp:ListUserPools", "*"), false);
  assert.equal(policyAllows(poolsOnly, "cognito-idp:AdminGetUser", POOL), true);
});

test("wildcards: * any run, ? one character; actions ignore case, resources do not", () => {
  assert.equal(wildcardMatch("cognito-idp:Admin*", "cognito-idp:AdminSetUserPassword", true), true);
  assert.equal(wildcardMatch("cognito-idp:admin*", "cognito-idp:AdminSetUserPassword", true), true);
  assert.equal(wildcardMatch("cognito-idp:Admin?etUser", "cognito-idp:AdminGetUser", true), true);
  assert.equal(wildcardMatch("cognito-idp:Admin?etUser", "cognito-idp:AdminGGetUser", true), false);
  assert.equal(wildcardMatch("arn:aws:cognito-idp:us-east-1:*:userpool/us-east-1_abc*", POOL, false), false);
  assert.equal(wildcardMatch("arn:aws:cognito-idp:us-east-1:*:userpool/us-east-1_AbC*", POOL, false), true);
  assert.equal(wildcardMatch("a.b", "axb", false), false, "regex characters are literal");
});
