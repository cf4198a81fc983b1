import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT, run } from "../helpers/process.js";

// The examples import "cognate" by its package name (the package refers to itself), so they run what a
// user's suite runs: the compiled package through its `exports`.
const node = process.execPath;
const bin = (path: string) => join(REPO_ROOT, "node_modules", path);
// Plain output, and a node:test child that reports to its own stdout rather than to this run.
const env = { CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", NODE_TEST_CONTEXT: undefined };

describe("the example suites in examples/ pass with startCognate() and the seed file", () => {
  test("Vitest", async () => {
    const result = await run(node, [bin("vitest/vitest.mjs"), "run", "--root", "examples/vitest"], env, 120_000);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Tests\s+3 passed/);
  });

  test("Jest", async () => {
    const result = await run(
      node,
      ["--experimental-vm-modules", bin("jest/bin/jest.js"), "--config", "examples/jest/jest.config.mjs", "--rootDir", "examples/jest", "--ci"],
      env,
      120_000,
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /Tests:\s+1 passed, 1 total/);
  });

  test("node:test", async () => {
    const result = await run(node, ["--test", "--test-reporter=tap", "examples/node-test/"], env, 120_000);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /# pass 1\n# fail 0/);
  });
});
