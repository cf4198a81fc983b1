// `npm run bench -- --cold-start`: the time from spawning `cognate serve` to the first answered Cognito API
// request (a signed DescribeUserPool answered 200), on an empty SQLite database and on one holding a pool of
// --users users (default 1M), and the server's resident memory once idle. Targets (issue 19): first answer
// under 300 ms on an empty database, idle RSS under 80 MB. Writes bench/results/cold-start-<stamp>.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, createPoolAndClient, freePort, headers } from './lib/cognito.mjs';
import { importUsers, startCognate, writeImportCsv } from './lib/cognate.mjs';
import { cpuMs, memory, owned } from './lib/processes.mjs';

const TARGET_FIRST_ANSWER_MS = 300;
const TARGET_IDLE_RSS_MB = 80;
const IDLE_SECONDS = 3;

/** One cold start: spawn → first 200 to DescribeUserPool (polled every 2 ms), then idle RSS. */
async function coldStart(root, db, poolId) {
  const port = await freePort();
  const t0 = performance.now();
  const child = owned(
    spawn(process.execPath, [join(root, 'dist/bundle/cli.js'), 'serve', '--port', String(port), '--db', db, '--log-level', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let firstAnswerMs;
  let firstAnswerCpuMs;
  while (firstAnswerMs === undefined) {
    if (performance.now() - t0 > 60_000) throw new Error('no answer within 60 s');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: headers('DescribeUserPool'), body: JSON.stringify({ UserPoolId: poolId }) });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`DescribeUserPool -> ${res.status} ${text.slice(0, 200)}`);
      firstAnswerMs = performance.now() - t0;
      firstAnswerCpuMs = cpuMs(child.pid);
    } catch (error) {
      if (!/ECONNREFUSED|fetch failed/.test(String(error.cause ?? error))) throw error;
      await sleep(2);
    }
  }
  await sleep(IDLE_SECONDS * 1000);
  const { rssMb } = memory(child.pid);
  child.kill('SIGTERM');
  await exited;
  return { firstAnswerMs, firstAnswerCpuMs, idleRssMb: rssMb };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(root, label, db, poolId, runs) {
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await coldStart(root, db, poolId));
  const summary = {
    label,
    runs: results,
    firstAnswerMs: median(results.map((r) => r.firstAnswerMs)),
    firstAnswerCpuMs: median(results.map((r) => r.firstAnswerCpuMs)),
    idleRssMb: median(results.map((r) => r.idleRssMb)),
  };
  console.log(`cold start, ${label}: first answer ${summary.firstAnswerMs.toFixed(0)} ms (CPU ${summary.firstAnswerCpuMs.toFixed(0)} ms), idle RSS ${summary.idleRssMb.toFixed(1)} MB (median of ${runs})`);
  return summary;
}

export async function coldStartBench({ root, argv }) {
  const { values } = parseArgs({ args: argv, options: { 'cold-start': { type: 'boolean' }, users: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' }, out: { type: 'string' } } });
  const users = Number(values.users);
  const runs = Number(values.runs);
  const dir = mkdtempSync(join(tmpdir(), 'cognate-cold-start-'));
  try {
    const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: loadavg()[0], targets: { firstAnswerMs: TARGET_FIRST_ANSWER_MS, idleRssMb: TARGET_IDLE_RSS_MB }, measured: [] };
    for (const [label, size] of [['empty database (one pool, no users)', 0], [`${users.toLocaleString('en')} users`, users]]) {
      const db = `sqlite:${join(dir, `${size}.db`)}`;
      // The database is made by a server and, for users, by `cognate import`; then every start is cold.
      const setup = await startCognate(root, db);
      const { poolId } = await createPoolAndClient(setup.url);
      await call(setup.url, 'DescribeUserPool', { UserPoolId: poolId });
      await setup.stop();
      if (size > 0) {
        const csv = join(dir, `${size}.csv`);
        writeImportCsv(csv, size);
        console.log(`importing ${size} users`);
        await importUsers(root, db, poolId, csv, size);
        rmSync(csv);
      }
      report.measured.push({ users: size, ...(await measure(root, label, db, poolId, runs)) });
    }
    const empty = report.measured[0];
    report.verdict = {
      firstAnswerEmpty: empty.firstAnswerMs < TARGET_FIRST_ANSWER_MS ? 'met' : 'missed',
      idleRss: Math.max(...report.measured.map((m) => m.idleRssMb)) < TARGET_IDLE_RSS_MB ? 'met' : 'missed',
    };
    console.log(`targets: first answer on an empty database < ${TARGET_FIRST_ANSWER_MS} ms: ${report.verdict.firstAnswerEmpty}; idle RSS < ${TARGET_IDLE_RSS_MB} MB: ${report.verdict.idleRss} (load average at start ${report.loadAverageAtStart.toFixed(1)} on ${report.cpus} cores)`);
    const out = values.out ?? join(root, 'bench/results', `cold-start-${report.date.replace(/[:.]/g, '').slice(0, 17)}Z.json`);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
