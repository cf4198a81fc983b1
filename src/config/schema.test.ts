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
