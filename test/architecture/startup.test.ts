import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/process.js";

/*
 * Cold start (issue 19): `cognate serve` reads the bundle and what it imports statically; everything else loads
 * on first use. These packages are needed by some requests or commands only, and each costs tens of
 * milliseconds or megabytes at start: none may be imported statically by the bin (ARCHITECTURE.md, "Startup").
 */
const LOADED_ON_FIRST_USE = [
  "@node-rs/argon2",
  "pg",
  "prom-client",
  "yaml",
  "pino-pretty",
  "ajv",
  "@fastify/ajv-compiler",
  "@fastify/fast-json-stringify-compiler",
  "@aws-sdk/client-lambda",
  "@simplewebauthn/server",
  "samlify",
  "openid-client",
  "playwright-core",
  "@peculiar/x509",
  "bcryptjs",
];

const BUNDLE = join(REPO_ROOT, "dist/bundle");
const STATIC_IMPORT = /^import\s+(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["'];?/gm;

/** Every module specifier the bin reaches through static imports alone, following its own chunks. */
function staticallyImported(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [entry];
  const seenChunks = new Set<string>();
  while (pending.length > 0) {
    const chunk = pending.pop()!;
    if (seenChunks.has(chunk)) continue;
    seenChunks.add(chunk);
    for (const [, specifier] of readFileSync(join(BUNDLE, chunk), "utf8").matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith("./")) pending.push(specifier!.slice(2));
      else reached.add(specifier!);
    }
  }
  return reached;
}

test("the bin imports no package statically that only some requests or commands need", () => {
  const reached = staticallyImported("cli.js");
  const packageOf = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
  const eager = [...reached].map(packageOf).filter((name) => LOADED_ON_FIRST_USE.includes(name));
  assert.deepEqual(eager, []);
  // The check reads real imports: the bin does import Node's built-ins and better-sqlite3 at start.
  assert.ok(reached.has("node:module"), [...reached].join(", "));
});

test("the startup packages are inside the bundle, not read module by module", () => {
  const reached = [...staticallyImported("cli.js")];
  for (const bundled of ["kysely", "fastify", "pino", "commander", "jose"]) {
    assert.ok(!reached.some((specifier) => specifier === bundled || specifier.startsWith(`${bundled}/`)), bundled);
  }
});
