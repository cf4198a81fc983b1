import { spawnSync } from "node:child_process";
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, run } from "../helpers/process.js";

/*
 * The package as npm publishes it: `npm pack` (of the dist/ the test run compiled), unpacked into a consumer
 * project's node_modules as `npm install cognate-<version>.tgz` would. The consumer's other packages are
 * the repository's own (linked, not fetched), so the test needs no registry.
 */
const consumer = mkdtempSync(join(tmpdir(), "cognate-consumer-"));
after(() => rmSync(consumer, { recursive: true, force: true }));

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

async function installFromTarball(): Promise<{ files: string[] }> {
  const packed = await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", consumer], {}, 120_000);
  assert.equal(packed.code, 0, packed.stderr);
  const [manifest] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const modules = join(consumer, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, "node_modules"))) {
    if (name === ".bin" || name === "cognate" || name.startsWith(".")) continue;
    symlinkSync(join(REPO_ROOT, "node_modules", name), join(modules, name));
  }
  const unpacked = await run("tar", ["-xzf", join(consumer, manifest!.filename), "-C", consumer]);
  assert.equal(unpacked.code, 0, unpacked.stderr);
  renameSync(join(consumer, "package"), join(modules, "cognate"));
  // What npm does for the package's `bin`: link it and make it executable.
  symlinkSync("../cognate/dist/bundle/cli.js", join(modules, ".bin", "cognate"));
  chmodSync(join(modules, "cognate/dist/bundle/cli.js"), 0o755);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }));
  return { files: manifest!.files.map((file) => file.path) };
}

describe("the npm package", () => {
  let files: string[] = [];

  test("packs the compiled server with its types, and neither sources, tests nor source maps", async () => {
    ({ files } = await installFromTarball());
    assert.ok(files.includes("dist/src/index.js"));
    assert.ok(files.includes("dist/src/index.d.ts"));
    assert.ok(files.includes("dist/bundle/cli.js"));
    assert.ok(files.includes("package.json") && files.includes("README.md"));
    for (const file of files) assert.doesNotMatch(file, /(\.test\.|\.map$|^src\/|^test\/|\.ts$(?<!\.d\.ts))/, file);
  });

  test("npx cognate runs the bin from the installed tarball", () => {
    const help = spawnSync("npx", ["--offline", "cognate", "--help"], { cwd: consumer, encoding: "utf8", timeout: 60_000 });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^Usage: cognate/m);
    assert.match(help.stdout, /import-cognito-local/);
  });

  test("import { startCognate } from \"cognate\" works in the consumer project", async () => {
    const script = join(consumer, "start.mjs");
    writeFileSync(
      script,
      `import { startCognate } from "cognate";
const cognate = await startCognate();
const health = await fetch(cognate.endpoint + "/health");
console.log(JSON.stringify({ status: health.status, region: cognate.sdkConfig.region }));
await cognate.stop();
`,
    );
    const result = await run(process.execPath, [script]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { status: 200, region: "us-east-1" });
  });
});
