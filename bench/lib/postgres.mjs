// PostgreSQL for the scale-out measurement: a throwaway cluster of the bench's own (initdb + pg_ctl in a
// temporary directory, random free port, durability off, stopped and removed afterwards), or the server
// COGNATE_BENCH_POSTGRES_URL names. Either way the bench works in a database it creates and drops.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cognito.mjs';

/** The directory holding initdb and pg_ctl: pg_config's, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir() {
  const candidates = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config on PATH: Debian's per-version directories below.
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debianRoot, version, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** The uid and gid of the postgres user, who owns the cluster when we run as root (initdb refuses root). */
function postgresOwner() {
  const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root needs a `postgres` user to own the cluster (the postgresql package creates it)');
  }
}

/** Starts a cluster from the binaries in binDir; returns the URL of its `postgres` database and stop(). */
export async function startThrowawayPostgres(binDir) {
  const owner = process.getuid?.() === 0 ? postgresOwner() : undefined;
  const port = await freePort();
  const baseDir = mkdtempSync(join(tmpdir(), 'cognate-bench-pg-'));
  const dataDir = join(baseDir, 'data');
  const logFile = join(baseDir, 'server.log');
  if (owner !== undefined) chownSync(baseDir, owner.uid, owner.gid);
  const run = (tool, args) => {
    const [command, commandArgs] = owner !== undefined ? ['runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args]] : [join(binDir, tool), args];
    try {
      execFileSync(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: baseDir });
    } catch (error) {
      throw new Error(`${tool} failed: ${`${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message}`);
    }
  };
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']);
      } catch (error) {
        console.error(error.message);
      }
    }
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    run('initdb', ['-D', dataDir, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    // Throwaway data: durability off. The socket goes to our own directory, writable by its owner.
    const options = ['-c listen_addresses=127.0.0.1', `-p ${port}`, `-k ${baseDir}`, '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
    running = true;
    run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options.join(' ')]);
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim() : '';
    stop();
    throw new Error(`${error.message}${log ? `\n--- PostgreSQL log ---\n${log}` : ''}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

/** A fresh database on the server `serverUrl` names (through the server's own `pg`); drop() removes it. */
export async function createDatabase(root, serverUrl) {
  const { Client } = createRequire(join(root, 'package.json'))('pg');
  const name = `cognate_bench_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
