// Cognate from the compiled dist, dev mode: started on SQLite or PostgreSQL, seeded with its own
// `cognate import` from a Cognito user-import CSV, and given a working set of passwords through the API.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_HEADER, PASSWORD, REGION, freePort, importRow, post, username } from './cognito.mjs';
import { connect, eachConcurrently } from './loadgen.mjs';
import { owned, startServer } from './processes.mjs';

const CLI = 'dist/bundle/cli.js';
/** Rows per write while generating the CSV. */
const CSV_CHUNK = 10_000;

/** `cognate serve` on a free loopback port; `db` is `sqlite:<file>` or a postgres:// URL; `env` adds settings. */
export async function startCognate(root, db, name = 'cognate', env = {}) {
  const port = await freePort();
  return startServer({
    name,
    command: process.execPath,
    args: [join(root, CLI), 'serve', '--port', String(port), '--db', db, '--log-level', 'warn'],
    cwd: root,
    env: { COGNATE_REGION: REGION, ...env },
    ready: () => `http://127.0.0.1:${port}`,
  });
}

/** Writes the import CSV for users u000000…u<n-1>: IMPORT_HEADER, then one row per user. */
export function writeImportCsv(file, n) {
  const t0 = performance.now();
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    bytes += writeSync(fd, `${IMPORT_HEADER.join(',')}\n`);
    for (let from = 0; from < n; from += CSV_CHUNK) {
      const rows = [];
      for (let i = from; i < Math.min(n, from + CSV_CHUNK); i++) rows.push(importRow(username(i)));
      bytes += writeSync(fd, `${rows.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return { seconds: (performance.now() - t0) / 1000, fileMb: bytes / 1e6 };
}

/**
 * `cognate import --pool <id> <csv>` with the server stopped, timed from spawn to exit. Its progress bar
 * goes to this terminal (stderr is inherited); its summary line is read from stdout and must say that all
 * n users were imported.
 */
export function importUsers(root, db, poolId, csvFile, n) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = owned(
      spawn(process.execPath, [join(root, CLI), 'import', '--db', db, '--pool', poolId, csvFile], {
        cwd: root,
        env: { ...process.env, COGNATE_REGION: REGION },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const summary = out.split('\n')[0];
      const imported = Number(/^imported (\d+) users, (\d+) rows refused/.exec(summary)?.[1]);
      if (code !== 0 || imported !== n) reject(new Error(`cognate import exited with ${code}: ${out.slice(0, 2000)}`));
      else resolve({ seconds, rowsPerSecond: n / seconds, summary });
    });
  });
}

/**
 * Gives the working set its passwords through AdminSetUserPassword, concurrently: confirmed users a
 * permanent one (CONFIRMED), the others a temporary one (FORCE_CHANGE_PASSWORD).
 */
export async function givePasswords(url, poolId, workingSet, settings) {
  const t0 = performance.now();
  const pool = connect(url, settings.concurrency, settings.requestTimeoutMs);
  const jobs = [
    ...workingSet.confirmed.map((Username) => ({ Username, Permanent: true })),
    ...workingSet.temporary.map((Username) => ({ Username, Permanent: false })),
  ];
  try {
    await eachConcurrently(jobs, settings.concurrency, async (job) => {
      const answer = await post(pool, 'AdminSetUserPassword', { UserPoolId: poolId, Password: PASSWORD, ...job });
      if (answer.status !== 200) throw new Error(`AdminSetUserPassword ${job.Username} -> ${answer.status} ${answer.text.slice(0, 300)}`);
    });
  } finally {
    await pool.close();
  }
  return { seconds: (performance.now() - t0) / 1000, users: jobs.length };
}
