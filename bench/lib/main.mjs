// The benchmark: Cognate and cognito-local side by side with the same load generator, on loopback, at each
// pool size, plus the machine's limits measured in the same run. Writes bench/results/<stamp>.json and .md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PASSWORD, createPoolAndClient, emailOf, freePort, headers, username } from './cognito.mjs';
import { seedCognate, startCognate } from './cognate.mjs';
import { closedLoop, connect, median } from './loadgen.mjs';
import { preparePeerDir, seedPeer, startPeer } from './peer.mjs';
import { memory, startServer, withPeakRss } from './processes.mjs';
import { markdown, table } from './report.mjs';

const OPTIONS = {
  sizes: { type: 'string', default: '1000,10000' },
  duration: { type: 'string', default: '4' },
  rounds: { type: 'string', default: '1' },
  concurrency: { type: 'string', default: '16' },
  'request-timeout': { type: 'string', default: '60' },
  'max-requests': { type: 'string', default: '200000' },
  'no-peer': { type: 'boolean', default: false },
  out: { type: 'string' },
};

/**
 * What each measured operation sends, and which limit it is judged against: the bare HTTP server for what
 * needs no password work, the argon2id+SRP rate for setting a password, one argon2id verification for a
 * sign-in.
 */
export const OPERATIONS = [
  { name: 'AdminGetUser', target: 'AdminGetUser', limit: 'http', input: (ctx) => ({ UserPoolId: ctx.poolId, Username: ctx.anyUser() }) },
  {
    name: 'AdminSetUserPassword (permanent)',
    target: 'AdminSetUserPassword',
    limit: 'passwordSet',
    input: (ctx) => ({ UserPoolId: ctx.poolId, Username: ctx.confirmedUser(), Password: PASSWORD, Permanent: true }),
  },
  {
    name: 'AdminSetUserPassword (temporary)',
    target: 'AdminSetUserPassword',
    limit: 'passwordSet',
    input: (ctx) => ({ UserPoolId: ctx.poolId, Username: ctx.temporaryUser(), Password: PASSWORD, Permanent: false }),
  },
  {
    name: 'InitiateAuth USER_PASSWORD_AUTH',
    target: 'InitiateAuth',
    limit: 'passwordVerify',
    input: (ctx) => ({ ClientId: ctx.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: ctx.confirmedUser(), PASSWORD } }),
    ok: (status, text) => status === 200 && text.includes('"AccessToken"'),
  },
  {
    name: 'AdminCreateUser',
    target: 'AdminCreateUser',
    limit: 'passwordSet',
    input: (ctx) => {
      const name = ctx.newUser();
      return {
        UserPoolId: ctx.poolId,
        Username: name,
        TemporaryPassword: PASSWORD,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: emailOf(name) }, { Name: 'email_verified', Value: 'true' }],
      };
    },
  },
  {
    name: 'ListUsers email ^= "u00012"',
    target: 'ListUsers',
    limit: 'http',
    input: (ctx) => ({ UserPoolId: ctx.poolId, Filter: 'email ^= "u00012"' }),
    ok: (status, text) => status === 200 && text.includes('"Users"'),
  },
];

const random = (n) => Math.floor(Math.random() * n);

function requestContext(server, n, poolId, clientId) {
  let created = 0;
  return {
    poolId,
    clientId,
    anyUser: () => username(random(n)),
    confirmedUser: () => username(2 * random(Math.ceil(n / 2))),
    temporaryUser: () => username(2 * random(Math.floor(n / 2)) + 1),
    newUser: () => `new-${server}-${process.pid}-${created++}`,
  };
}

/** Every operation, `rounds` times, against one running server; medians across rounds. */
async function measureOperations(server, ctx, settings) {
  const pool = connect(server.url, settings.concurrency, settings.requestTimeoutMs);
  const byOperation = {};
  const warmUp = {};
  try {
    // One request of each kind first, alone: what is made on first need (Cognate's signing keys on the first
    // sign-in) is timed here and kept out of the steady-state figures.
    for (const op of OPERATIONS) {
      const sent = performance.now();
      const res = await pool.request({ path: '/', method: 'POST', headers: headers(op.target), body: JSON.stringify(op.input(ctx)) });
      const text = await res.body.text();
      warmUp[op.name] = { ms: performance.now() - sent, ok: op.ok ? op.ok(res.statusCode, text) : res.statusCode === 200 };
      if (!warmUp[op.name].ok) console.log(`  [${server.name}] warm-up ${op.name} failed: ${res.statusCode} ${text.slice(0, 200)}`);
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const op of OPERATIONS) {
        const requestHeaders = headers(op.target);
        const { result, peakRssMb } = await withPeakRss(server.pid, () =>
          closedLoop({
            pool,
            concurrency: settings.concurrency,
            durationMs: settings.durationMs,
            maxRequests: settings.maxRequests,
            next: () => ({ headers: requestHeaders, body: JSON.stringify(op.input(ctx)), ok: op.ok }),
          }),
        );
        (byOperation[op.name] ??= []).push({ ...result, peakRssMb });
        console.log(
          `  [${server.name} r${round}] ${op.name}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(2)} ms, ` +
            `p99 ${result.p99.toFixed(2)} ms, ${result.errors} errors, peak RSS ${peakRssMb.toFixed(0)} MB` +
            (result.errorSamples.length ? ` — e.g. ${result.errorSamples[0]}` : ''),
        );
      }
    }
  } finally {
    await pool.close();
  }
  const summary = {};
  for (const [name, rounds] of Object.entries(byOperation)) {
    summary[name] = {
      warmUpMs: warmUp[name].ms,
      rps: median(rounds.map((r) => r.okRps)),
      p50: median(rounds.map((r) => r.p50)),
      p99: median(rounds.map((r) => r.p99)),
      requests: rounds.reduce((a, r) => a + r.requests, 0),
      errors: rounds.reduce((a, r) => a + r.errors, 0),
      errorSamples: rounds.flatMap((r) => r.errorSamples).slice(0, 3),
      peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
      rounds,
    };
  }
  return summary;
}

async function benchCognate(root, workDir, n, settings) {
  const dbFile = join(workDir, `cognate-${n}.db`);
  console.log(`cognate, ${n} users: creating the pool, seeding through the store`);
  const empty = await startCognate(root, dbFile);
  const { poolId, clientId } = await createPoolAndClient(empty.url);
  await empty.stop();
  const seed = await seedCognate(root, dbFile, poolId, n);
  console.log(`  seeded ${seed.count} users in ${seed.seconds.toFixed(1)} s`);
  const server = await startCognate(root, dbFile);
  const idle = memory(server.pid);
  console.log(`  started with the data on disk in ${server.startupMs.toFixed(0)} ms, idle RSS ${idle.rssMb.toFixed(0)} MB`);
  try {
    const operations = await measureOperations(server, requestContext('cognate', n, poolId, clientId), settings);
    return { startupMs: server.startupMs, idleRssMb: idle.rssMb, hwmRssMb: memory(server.pid).hwmMb, seed, dbMb: fileMb(dbFile), operations };
  } finally {
    await server.stop();
  }
}

async function benchPeer(benchDir, workDir, n, settings) {
  const dir = join(workDir, `peer-${n}`);
  preparePeerDir(dir);
  console.log(`cognito-local, ${n} users: creating the pool, writing its data file`);
  const empty = await startPeer(benchDir, dir);
  const { poolId, clientId } = await createPoolAndClient(empty.url);
  await empty.stop();
  const seed = seedPeer(dir, poolId, n);
  console.log(`  wrote ${n} users (${seed.fileMb.toFixed(1)} MB) in ${seed.seconds.toFixed(1)} s`);
  const server = await startPeer(benchDir, dir);
  const idle = memory(server.pid);
  console.log(`  started with the data on disk in ${server.startupMs.toFixed(0)} ms, idle RSS ${idle.rssMb.toFixed(0)} MB`);
  try {
    const operations = await measureOperations(server, requestContext('peer', n, poolId, clientId), settings);
    return { startupMs: server.startupMs, idleRssMb: idle.rssMb, hwmRssMb: memory(server.pid).hwmMb, seed, dbMb: seed.fileMb, operations };
  } finally {
    await server.stop();
  }
}

/** The bare node:http server's requests/s with the same generator, body and concurrency. */
async function measureHttpLimit(benchDir, settings) {
  const port = await freePort();
  const server = await startServer({
    name: 'bare node:http',
    command: process.execPath,
    args: [join(benchDir, 'limits/bareHttp.mjs'), String(port)],
    ready: () => `http://127.0.0.1:${port}`,
  });
  const pool = connect(server.url, settings.concurrency, settings.requestTimeoutMs);
  const rounds = [];
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const body = JSON.stringify({ UserPoolId: 'us-east-1_BenchPool', Username: username(123) });
      rounds.push(await closedLoop({ pool, concurrency: settings.concurrency, durationMs: settings.durationMs, maxRequests: settings.maxRequests, next: () => ({ headers: headers('AdminGetUser'), body }) }));
    }
  } finally {
    await pool.close();
    await server.stop();
  }
  return { rps: median(rounds.map((r) => r.okRps)), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)), rounds };
}

/** argon2id+SRP verifier and argon2id verification rates, two at a time, in a child process. */
function measurePasswordWork(root, benchDir, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(benchDir, 'limits/passwordWork.mjs'), root, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`passwordWork exited with ${code}`))));
  });
}

function fileMb(path) {
  try {
    return statSync(path).size / 1e6;
  } catch {
    return NaN;
  }
}

function machine() {
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  return { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: totalmem() / 2 ** 30, node: process.version, platform: process.platform, commit };
}

export async function main({ root, benchDir, argv }) {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const settings = {
    sizes: values.sizes.split(',').map(Number),
    durationMs: Number(values.duration) * 1000,
    rounds: Number(values.rounds),
    concurrency: Number(values.concurrency),
    requestTimeoutMs: Number(values['request-timeout']) * 1000,
    maxRequests: Number(values['max-requests']),
    peer: !values['no-peer'],
  };
  if (settings.sizes.some((n) => !Number.isInteger(n) || n < 200 || n > 1_000_000)) throw new Error('--sizes: integers from 200 to 1000000');
  const startedAt = new Date();
  const workDir = mkdtempSync(join(tmpdir(), 'cognate-bench-'));
  const results = { startedAt: startedAt.toISOString(), machine: machine(), settings, limits: {}, sizes: {} };
  try {
    console.log(`limits: bare node:http, ${settings.rounds} × ${settings.durationMs / 1000} s`);
    results.limits.http = await measureHttpLimit(benchDir, settings);
    console.log(`  ${results.limits.http.rps.toFixed(0)} req/s`);
    console.log('limits: password work, two at a time');
    const work = await measurePasswordWork(root, benchDir, Math.max(2, settings.durationMs / 1000));
    results.limits.passwordSet = { rps: work.setPerSecond };
    results.limits.passwordVerify = { rps: work.verifyPerSecond };
    console.log(`  argon2id+SRP verifier ${work.setPerSecond.toFixed(1)}/s, argon2id verify ${work.verifyPerSecond.toFixed(1)}/s`);
    for (const n of settings.sizes) {
      results.sizes[n] = { cognate: await benchCognate(root, workDir, n, settings) };
      if (settings.peer) results.sizes[n].peer = await benchPeer(benchDir, workDir, n, settings);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  results.finishedAt = new Date().toISOString();
  const text = table(results, OPERATIONS);
  console.log(`\n${text}`);
  const outDir = values.out ?? join(benchDir, 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, '').replace(/\.\d{3}/, '');
  writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(join(outDir, `${stamp}.md`), markdown(results, OPERATIONS));
  console.log(`wrote ${join(outDir, `${stamp}.json`)} and .md`);
}
