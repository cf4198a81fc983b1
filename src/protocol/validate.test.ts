import { test } from "node:test";
import assert from "node:assert/strict";
import { CognitoError } from "../errors/cognitoError.js";
import type { OperationName } from "../model/operations.gen.js";
import { FrameworkError } from "../errors/frameworkError.js";
import { validateInput } from "./validate.js";

function assertInvalidParameter(operation: OperationName, input: Record<string, unknown>, message: string): void {
  assert.throws(
    () => validateInput(operation, input),
    (error: unknown) => {
      assert.ok(error instanceof CognitoError, `expected a CognitoError, got ${String(error)}`);
      assert.equal(error.type, "InvalidParameterException");
      assert.equal(error.message, message);
      return true;
    },
  );
}

function assertSerializationError(operation: OperationName, input: Record<string, unknown>, message: string): void {
  assert.throws(
    () => validateInput(operation, input),
    (error: unknown) => {
      assert.ok(error instanceof FrameworkError, `expected a FrameworkError, got ${String(error)}`);
      assert.equal(error.type, "SerializationException");
      assert.equal(error.status, 400);
      assert.equal(error.message, message);
      return true;
    },
  );
}

const poolId = "us-east-1_abcDEF123";

test("a valid AdminSetUserPassword passes; unknown members are ignored and null counts as absent", () => {
  validateInput("AdminSetUserPassword", { UserPoolId: poolId, Username: "bob", Password: "Passw0rd!", Permanent: true });
  validateInput("AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: "bob",
    Password: "Passw0rd!",
    Permanent: null,
    NotInTheModel: [1, { a: 2 }],
  });
});

test("a missing required member fails 'must not be null' with its camelCase name", () => {
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: poolId, Username: "bob" },
    "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
  );
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: poolId, Username: "bob", Password: null },
    "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
  );
});

test("several failures are counted and joined with '; ' in member order", () => {
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: "x", Password: "Passw0rd!" },
    "2 validation errors detected: " +
      "Value 'x' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; " +
      "Value null at 'username' failed to satisfy constraint: Member must not be null",
  );
});

test("an empty string is not null: its length and pattern are checked, each failure reported", () => {
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: "", Username: "bob", Password: "Passw0rd!" },
    "2 validation errors detected: " +
      "Value '' at 'userPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
  );
});

test("sensitive values are omitted from the message", () => {
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: poolId, Username: "bob", Password: `a${"b".repeat(256)}` },
    "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
  );
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: poolId, Username: "u".repeat(129), Password: "Passw0rd!" },
    "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
  );
});

test("patterns must match the whole value", () => {
  assertInvalidParameter(
    "AdminSetUserPassword",
    { UserPoolId: "us-east-1_abc def", Username: "bob", Password: "Passw0rd!" },
    "1 validation error detected: Value 'us-east-1_abc def' at 'userPoolId' failed to satisfy constraint: " +
      "Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
  );
});

test("the password pattern is AWS's stricter ^[\\S]+.*[\\S]+$, not the model's [\\S]+", () => {
  const passwordPatternFailure =
    "1 validation error detected: Value at 'password' failed to satisfy constraint: " +
    "Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$";
  for (const password of [" Passw0rd!", "Passw0rd! ", "x"]) {
    assertInvalidParameter("AdminSetUserPassword", { UserPoolId: poolId, Username: "bob", Password: password }, passwordPatternFailure);
  }
  validateInput("AdminSetUserPassword", { UserPoolId: poolId, Username: "bob", Password: "Pass w0rd!" });
});

test("string lengths count characters (code points), not UTF-16 units", () => {
  validateInput("AdminSetUserPassword", { UserPoolId: poolId, Username: "bob", Password: "😀".repeat(256) });
});

test("an enum failure lists the allowed values", () => {
  assertInvalidParameter(
    "InitiateAuth",
    { AuthFlow: "NO_SUCH_FLOW", ClientId: "client" },
    "1 validation error detected: Value 'NO_SUCH_FLOW' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: " +
      "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]",
  );
});

test("a nested structure's range failure names the nested camelCase path", () => {
  assertInvalidParameter(
    "CreateUserPool",
    { PoolName: "pool", Policies: { PasswordPolicy: { MinimumLength: 3 } } },
    "1 validation error detected: Value '3' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: " +
      "Member must have value greater than or equal to 6",
  );
});

test("list elements that are structures are named <list>.<1-based index>.member", () => {
  assertInvalidParameter(
    "CreateUserPool",
    { PoolName: "pool", Schema: [{ Name: "ok" }, { Name: "n".repeat(21) }] },
    "1 validation error detected: Value 'nnnnnnnnnnnnnnnnnnnnn' at 'schema.2.member.name' failed to satisfy constraint: " +
      "Member must have length less than or equal to 20",
  );
  assertInvalidParameter(
    "AdminCreateUser",
    { UserPoolId: poolId, Username: "bob", UserAttributes: [{ Name: "email", Value: "x".repeat(2049) }] },
    "1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: " +
      "Member must have length less than or equal to 2048",
  );
});

test("scalar list elements fail once, on the list, listing the element constraints", () => {
  assertInvalidParameter(
    "CreateUserPool",
    { PoolName: "pool", AutoVerifiedAttributes: ["email", "fax"] },
    "1 validation error detected: Value '[email, fax]' at 'autoVerifiedAttributes' failed to satisfy constraint: " +
      "Member must satisfy constraint: [Member must satisfy enum value set: [phone_number, email]]",
  );
});

test("list and map sizes are checked against their element counts", () => {
  assertInvalidParameter(
    "CreateUserPool",
    { PoolName: "pool", Schema: [] },
    "1 validation error detected: Value '[]' at 'schema' failed to satisfy constraint: Member must have length greater than or equal to 1",
  );
  assertInvalidParameter(
    "CreateUserPool",
    { PoolName: "pool", UserPoolTags: { "": "value" } },
    "1 validation error detected: Value '{=value}' at 'userPoolTags' failed to satisfy constraint: " +
      "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
  );
});

test("a member of the wrong JSON type is a SerializationException", () => {
  const valid = { UserPoolId: poolId, Username: "bob", Password: "Passw0rd!" };
  assertSerializationError("AdminSetUserPassword", { ...valid, Username: 42 }, "NUMBER_VALUE can not be converted to a String");
  assertSerializationError("AdminSetUserPassword", { ...valid, Username: true }, "TRUE_VALUE can not be converted to a String");
  assertSerializationError("AdminSetUserPassword", { ...valid, Username: ["bob"] }, "Start of list found where not expected");
  assertSerializationError(
    "AdminSetUserPassword",
    { ...valid, Username: { name: "bob" } },
    "Start of structure or map found where not expected.",
  );
  assertSerializationError("AdminSetUserPassword", { ...valid, Permanent: "true" }, "STRING_VALUE can not be converted to a Boolean");
  assertSerializationError("CreateUserPool", { PoolName: "pool", Policies: [] }, "Start of list found where not expected");
  assertSerializationError("CreateUserPool", { PoolName: "pool", Policies: "strict" }, "Expected null");
  assertSerializationError("CreateUserPool", { PoolName: "pool", Schema: {} }, "Start of structure or map found where not expected.");
  assertSerializationError("CreateUserPool", { PoolName: "pool", Schema: "email" }, "Expected list or null");
  assertSerializationError("CreateUserPool", { PoolName: "pool", UserPoolTags: [] }, "Start of list found where not expected");
  assertSerializationError("CreateUserPool", { PoolName: "pool", UserPoolTags: 1 }, "Expected map or null");
  assertSerializationError(
    "CreateUserPool",
    { PoolName: "pool", Policies: { PasswordPolicy: { MinimumLength: "8" } } },
    "STRING_VALUE can not be converted to an Integer",
  );
  assertSerializationError(
    "CreateUserPool",
    { PoolName: "pool", Policies: { PasswordPolicy: { MinimumLength: 8.5 } } },
    "NUMBER_VALUE can not be converted to an Integer",
  );
  assertSerializationError("CreateUserPool", { PoolName: "pool", AutoVerifiedAttributes: [1] }, "NUMBER_VALUE can not be converted to a String");
});

test("a wrong JSON type wins over constraint failures found before it", () => {
  assertSerializationError(
    "AdminSetUserPassword",
    { UserPoolId: "not a pool id", Username: 42 },
    "NUMBER_VALUE can not be converted to a String",
  );
});

test("the checked input keeps only the model's members: unknown members and nulls are gone, at any depth", () => {
  const checked = validateInput("CreateUserPool", {
    PoolName: "p",
    Unknown: 1,
    DeletionProtection: null,
    Policies: { PasswordPolicy: { MinimumLength: 10, Extra: true, RequireSymbols: null } },
    Schema: [{ Name: "team", AttributeDataType: "String", Bogus: "x" }],
  });
  assert.deepEqual(checked, {
    PoolName: "p",
    Policies: { PasswordPolicy: { MinimumLength: 10 } },
    Schema: [{ Name: "team", AttributeDataType: "String" }],
  });
});

test("a string containing U+0000 is refused, naming its member", () => {
  assert.throws(
    () => validateInput("CreateGroup", { UserPoolId: "us-east-1_abc", GroupName: "g", Description: "a\u0000b" }),
    (error: unknown) =>
      error instanceof CognitoError &&
      error.message ===
        "1 validation error detected: Value 'a\u0000b' at 'description' failed to satisfy constraint: Member must not contain the null character",
  );
});

test("a value nested thousands deep is refused like any other, without exhausting the stack (found by the fuzz test)", () => {
  let links: unknown = "x";
  for (let depth = 0; depth < 10_000; depth++) links = { a: links };
  assert.throws(
    () => validateInput("UpdateTerms", { TermsId: "Ω≈ç√", UserPoolId: poolId, TermsName: "n", Enforcement: "NONE", Links: links }),
    (error: unknown) => error instanceof CognitoError || error instanceof FrameworkError,
  );
});
