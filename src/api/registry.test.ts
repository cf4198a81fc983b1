import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { families, registry } from "./registry.js";
import type { OperationTable } from "./types.js";
import { operationNames, operations } from "../model/operations.gen.js";
import { createApp } from "../app.js";
import { resolveConfig } from "../config/schema.js";
import { CognitoError } from "../errors/cognitoError.js";

const implemented = Object.keys(registry).sort();

test("every registered handler is a model operation registered under its own name", () => {
  for (const [name, handler] of Object.entries(registry as OperationTable)) {
    assert.ok((operationNames as readonly string[]).includes(name), `${name} is in the model`);
    assert.equal(handler!.name, name);
  }
});

test("every model operation is either implemented or answers UnsupportedOperationException naming it", async () => {
  const app = await createApp(resolveConfig({ db: "sqlite::memory:", logLevel: "silent" }, {}));
  try {
    const ctx = await app.localContext();
    const unimplemented = operationNames.filter((name) => !implemented.includes(name));
    assert.equal(unimplemented.length + implemented.length, 129);
    for (const name of unimplemented) {
      await assert.rejects(
        app.invoke(name, {}, ctx),
        (error: unknown) =>
          error instanceof CognitoError &&
          error.type === "UnsupportedOperationException" &&
          error.message === `${name} is not supported by Cognate yet.`,
      );
    }
  } finally {
    await app.close();
  }
});

test("every model operation is served", () => {
  assert.deepEqual(operationNames.filter((name) => !implemented.includes(name)), []);
});

test("the README's supported-operations table lists exactly the registry, with each operation's auth", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.split("<!-- operations:start -->")[1]?.split("<!-- operations:end -->")[0] ?? "";
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| operation"))
    .map((line) => line.split("|").map((cell) => cell.trim()));
  assert.deepEqual(
    rows.map((cells) => cells[1]),
    implemented,
  );
  for (const cells of rows) {
    const auth = operations[cells[1] as keyof typeof operations].auth === "sigv4" ? "SigV4" : "none";
    assert.equal(cells[2], auth, `${cells[1]} auth`);
  }
});

test("no operation belongs to two families", () => {
  const seen = new Map<string, string>();
  for (const [family, table] of Object.entries(families)) {
    for (const name of Object.keys(table)) {
      assert.equal(seen.get(name), undefined, `${name} is in ${seen.get(name)} and ${family}`);
      seen.set(name, family);
    }
  }
});
