// `npm test`: runs every *.test.ts under src/, test/ and scripts/ with node:test, against one throwaway
// PostgreSQL cluster started for the whole run (unless COGNATE_TEST_POSTGRES_URL already names a server).
//
//   npm test                                         every test file
//   npm test -- src/storage/sqlite/sqlite.test.ts    only the files named
//   npm test -- --test-name-pattern=clock            extra node --test flags (in --flag=value form)
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { postgresBinDir, startThrowawayPostgres } from "./throwawayPostgres.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TEST_ROOTS = ["src", "test", "scripts"];

const args = process.argv.slice(2);
const nodeFlags = args.filter((arg) => arg.startsWith("-"));
const namedFiles = args.filter((arg) => !arg.startsWith("-"));
const files = namedFiles.length > 0 ? namedFiles : findTestFiles();

console.log(`Found ${files.length} test file${files.length === 1 ? "" : "s"}.`);
if (files.length === 0) {
  console.error("No *.test.ts files found: nothing would be tested.");
  process.exit(1);
}

/** Stops the throwaway cluster and removes its directory; set as soon as that directory exists. */
let stopCluster;
let testProcess;
let receivedSignal;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    receivedSignal = signal;
    if (testProcess !== undefined) {
      // The tests stop first; the cluster is stopped once they have exited (the finally below).
      testProcess.kill(signal);
      return;
    }
    stopCluster?.();
    process.exit(128 + constants.signals[signal]);
  });
}

let exitCode = 1;
try {
  // The process tests run the bundled bin, exactly as `npm start` does: compile and bundle the current source first.
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs")], { stdio: "inherit" });
  const env = { ...process.env };
  if (!env.COGNATE_TEST_POSTGRES_URL) {
    env.COGNATE_TEST_POSTGRES_URL = await startPostgres();
    console.log(`PostgreSQL for this run: ${env.COGNATE_TEST_POSTGRES_URL}`);
  }
  exitCode = await runTests(env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  stopCluster?.();
}
process.exit(receivedSignal === undefined ? exitCode : 128 + constants.signals[receivedSignal]);

function findTestFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".test.ts")) found.push(relative(ROOT, path));
    }
  };
  for (const root of TEST_ROOTS) if (existsSync(join(ROOT, root))) walk(join(ROOT, root));
  return found.sort();
}

/**
 * Runs node --test on the files and resolves with its exit code. The spec reporter prints its totals before
 * the details of failed tests, where they scroll away; a TAP copy of the report gives the totals to reprint
 * as the very last lines.
 */
async function runTests(env) {
  const reportDir = mkdtempSync(join(tmpdir(), "cognate-test-report-"));
  const tapFile = join(reportDir, "report.tap");
  // node:test on Node 20 does not find .ts files by itself: the files are named explicitly.
  const reporters = nodeFlags.some((flag) => flag.startsWith("--test-reporter"))
    ? []
    : ["--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tapFile}`];
  const argv = ["--import", "tsx", "--test", ...reporters, ...nodeFlags, ...files];
  try {
    const code = await new Promise((resolve) => {
      testProcess = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: "inherit" });
      testProcess.on("exit", (exitCode, signal) => {
        testProcess = undefined;
        resolve(exitCode ?? 128 + (constants.signals[signal] ?? 0));
      });
    });
    if (existsSync(tapFile)) {
      const totals = readFileSync(tapFile, "utf8")
        .split("\n")
        .filter((line) => /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /.test(line));
      if (totals.length > 0) console.log(`\n${totals.join("\n")}`);
    }
    return code;
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/** Starts the throwaway cluster, sets stopCluster as soon as it has a directory, and returns its URL. */
function startPostgres() {
  const binDir = postgresBinDir();
  if (binDir === undefined) {
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found: install them (e.g. `apt-get install -y postgresql`) " +
        "or set COGNATE_TEST_POSTGRES_URL to a server the tests may create databases on.",
    );
  }
  return startThrowawayPostgres(binDir, { prefix: "cognate-test-pg-", onStop: (stop) => (stopCluster = stop) });
}
