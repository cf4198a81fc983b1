// A throwaway PostgreSQL cluster (initdb + pg_ctl in a temporary directory, a free loopback port, durability
// off), for the tests (scripts/test.mjs) and the bench (bench/lib/postgres.mjs) alike.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The directory holding initdb and pg_ctl: pg_config's, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir() {
  const candidates = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // No pg_config on PATH: look in Debian's per-version directories below.
  }
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debianRoot, version, "bin")));
  }
  return candidates.find((candidate) => existsSync(join(candidate, "initdb")) && existsSync(join(candidate, "pg_ctl")));
}

/**
 * Starts a cluster from the binaries in binDir and returns the URL of its `postgres` database. `onStop` is
 * handed the function that stops the cluster and removes its directory as soon as that directory exists,
 * so that a signal arriving during the start still cleans up.
 */
export async function startThrowawayPostgres(binDir, { prefix, onStop }) {
  const owner = process.getuid?.() === 0 ? postgresOwner() : undefined;
  const port = await freePort();
  const baseDir = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(baseDir, "data");
  const logFile = join(baseDir, "server.log");
  if (owner !== undefined) chownSync(baseDir, owner.uid, owner.gid);

  const run = (tool, toolArgs) => {
    const [command, commandArgs] =
      owner !== undefined
        ? ["runuser", ["-u", "postgres", "--", join(binDir, tool), ...toolArgs]]
        : [join(binDir, tool), toolArgs];
    try {
      execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], cwd: baseDir });
    } catch (error) {
      const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim();
      throw new Error(`${tool} failed: ${output || error.message}`);
    }
  };

  let started = false;
  onStop(() => {
    if (started) {
      started = false;
      try {
        run("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w"]);
      } catch (error) {
        console.error(error.message);
      }
    }
    rmSync(baseDir, { recursive: true, force: true });
  });

  run("initdb", ["-D", dataDir, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  // Throwaway data: durability off for speed. The socket goes to our own directory, writable by its owner.
  const serverOptions = [
    "-c listen_addresses=127.0.0.1",
    `-p ${port}`,
    `-k ${baseDir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
  ].join(" ");
  started = true;
  try {
    run("pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOptions]);
    run("pg_isready", ["-h", "127.0.0.1", "-p", String(port), "-t", "30"]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").trim() : "";
    throw new Error(`${error.message}${log ? `\n--- PostgreSQL log ---\n${log}` : ""}`);
  }
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** The uid and gid of the postgres user, who owns the cluster when we run as root (initdb refuses root). */
function postgresOwner() {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("Running as root needs a `postgres` user to own the cluster (the postgresql package creates it).");
  }
}

/** A loopback port that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
