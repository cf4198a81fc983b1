import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, controlApiEnabled, isSecureMode, resolveConfig } from "./schema.js";

test("defaults: loopback 9229, SQLite under .cognate, us-east-1, account 000000000000, dev mode", () => {
  const config = resolveConfig({}, {});
  assert.equal(config.host, "127.0.0.1");
  assert.equal(config.port, 9229);
  assert.equal(config.db, "sqlite:./.cognate/cognate.db");
  assert.equal(config.region, "us-east-1");
  assert.equal(config.accountId, "000000000000");
  assert.equal(config.tokenIssuer, "local");
  assert.equal(isSecureMode(config), false);
  assert.equal(controlApiEnabled(config), true);
});

test("a flag wins over its environment variable, which wins over the default", () => {
  assert.equal(resolveConfig({}, { COGNATE_PORT: "8000" }).port, 8000);
  assert.equal(resolveConfig({ port: "7000" }, { COGNATE_PORT: "8000" }).port, 7000);
  assert.equal(resolveConfig({ insecure: true, host: "0.0.0.0" }, {}).insecure, true);
  assert.equal(resolveConfig({}, { COGNATE_PUBLIC_URL: "https://id.example.com/" }).publicUrl, "https://id.example.com");
});

test("credentials switch on secure mode, which turns the control API off unless asked for", () => {
  const secure = resolveConfig({ credentials: "/etc/cognate/credentials.json" }, {});
  assert.equal(isSecureMode(secure), true);
  assert.equal(controlApiEnabled(secure), false);
  assert.equal(controlApiEnabled(resolveConfig({ credentials: "/x.json" }, { COGNATE_CONTROL_API: "1" })), true);
});

test("a non-loopback address needs credentials or --insecure", () => {
  assert.throws(() => resolveConfig({ host: "0.0.0.0" }, {}), ConfigError);
  assert.doesNotThrow(() => resolveConfig({ host: "0.0.0.0" }, { COGNATE_INSECURE: "1" }));
  assert.doesNotThrow(() => resolveConfig({ host: "0.0.0.0", credentials: "/x.json" }, {}));
  assert.doesNotThrow(() => resolveConfig({ host: "::1" }, {}));
});

test("each invalid value names its flag and variable", () => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ COGNATE_PORT: "65536" }, /--port\/COGNATE_PORT/],
    [{ COGNATE_HOST: "my host" }, /--host\/COGNATE_HOST/],
    [{ COGNATE_DB: "mysql://x" }, /--db\/COGNATE_DB/],
    [{ COGNATE_REGION: "useast1" }, /--region\/COGNATE_REGION/],
    [{ COGNATE_ACCOUNT_ID: "abc" }, /--account-id\/COGNATE_ACCOUNT_ID/],
    [{ COGNATE_PUBLIC_URL: "ftp://x" }, /--public-url\/COGNATE_PUBLIC_URL/],
    [{ COGNATE_TOKEN_ISSUER: "google" }, /--token-issuer\/COGNATE_TOKEN_ISSUER/],
    [{ COGNATE_INSECURE: "maybe" }, /--insecure\/COGNATE_INSECURE/],
    [{ COGNATE_LOG_LEVEL: "loud" }, /--log-level\/COGNATE_LOG_LEVEL/],
  ];
  for (const [env, expected] of cases) {
    assert.throws(() => resolveConfig({}, env), (error: Error) => error instanceof ConfigError && expected.test(error.message));
  }
});

test("rate limits: unset by default, a JSON object of quota categories to positive requests per second", () => {
  assert.equal(resolveConfig({}, {}).rateLimits, undefined);
  assert.deepEqual(resolveConfig({}, { COGNATE_RATE_LIMITS: '{"UserAccountRecovery": 2, "UserList": 0.5}' }).rateLimits, {
    UserAccountRecovery: 2,
    UserList: 0.5,
  });
  assert.deepEqual(resolveConfig({ rateLimits: '{"UserRead":7}' }, { COGNATE_RATE_LIMITS: '{"UserRead":1}' }).rateLimits, { UserRead: 7 });
});

test("rate limits: malformed JSON, an unknown category or a bad rate is one line naming the flag and variable", () => {
  const cases: Array<[string, RegExp]> = [
    ["{UserRead: 1}", /^--rate-limits\/COGNATE_RATE_LIMITS must be a JSON object mapping quota categories to requests per second/],
    ["[1, 2]", /^--rate-limits\/COGNATE_RATE_LIMITS must be a JSON object/],
    ["null", /^--rate-limits\/COGNATE_RATE_LIMITS must be a JSON object/],
    ['{"UserReads": 1}', /^--rate-limits\/COGNATE_RATE_LIMITS names an unknown category "UserReads" \(known: UserAuthentication, /],
    ['{"UserRead": 0}', /^--rate-limits\/COGNATE_RATE_LIMITS needs a positive number of requests per second for UserRead \(got 0\)$/],
    ['{"UserRead": -3}', /for UserRead \(got -3\)$/],
    ['{"UserRead": "5"}', /for UserRead \(got "5"\)$/],
    ['{"UserRead": null}', /for UserRead \(got null\)$/],
  ];
  for (const [raw, expected] of cases) {
    assert.throws(
      () => resolveConfig({}, { COGNATE_RATE_LIMITS: raw }),
      (error: Error) => error instanceof ConfigError && expected.test(error.message) && !error.message.includes("\n"),
      raw,
    );
  }
});

test("the master key comes only from the environment and must be 32 bytes of base64", () => {
  const key = Buffer.alloc(32, 7);
  assert.deepEqual(resolveConfig({}, { COGNATE_MASTER_KEY: key.toString("base64") }).masterKey, key);
  assert.equal(resolveConfig({}, {}).masterKey, undefined);
  assert.throws(
    () => resolveConfig({}, { COGNATE_MASTER_KEY: Buffer.alloc(16).toString("base64") }),
    (error: Error) => error instanceof ConfigError && error.message.startsWith("COGNATE_MASTER_KEY must be 32 random bytes"),
  );
  assert.throws(() => resolveConfig({}, { COGNATE_MASTER_KEY: "not base64!" }), ConfigError);
});

test("reads are audited only when asked", () => {
  assert.equal(resolveConfig({}, {}).auditReads, false);
  assert.equal(resolveConfig({}, { COGNATE_AUDIT_READS: "1" }).auditReads, true);
});
