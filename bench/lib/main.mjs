// The benchmark: Cognate and cognito-local side by side with the same load generator, on loopback, at each
// pool size, plus the machine's limits measured in the same run, plus one against two Cognate instances on
// one PostgreSQL database. Writes bench/results/<stamp>.json and .md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPoolAndClient, freePort, headers, username, workingSet } from './cognito.mjs';
import { givePasswords, importUsers, startCognate, writeImportCsv } from './cognate.mjs';
import { closedLoop, connect, median } from './loadgen.mjs';
import { adminGetUser, OPERATIONS, SCALE_OUT_OPERATIONS, requestContext } from './operations.mjs';
import { TOKEN_OPERATIONS, measureRs256, prepareOAuthClients } from './oauth.mjs';
import { preparePeerDir, seedPeer, startPeer } from './peer.mjs';
import { createDatabase, postgresBinDir, startThrowawayPostgres } from './postgres.mjs';
import { memory, owned, startServer, withPeakRss } from './processes.mjs';
import { markdown, table, targets } from './report.mjs';
import { SWEEP_BACKLOG, backlogLeft, seedBacklog, waitForFirstSweep } from './sweeping.mjs';

const OPTIONS = {
  sizes: { type: 'string', default: '1000,10000,100000,1000000' },
  'peer-sizes': { type: 'string', default: '1000,10000,100000' },
  duration: { type: 'string', default: '3' },
  rounds: { type: 'string', default: '3' },
  concurrency: { type: 'string', default: '16' },
  'request-timeout': { type: 'string', default: '60' },
  'max-requests': { type: 'string', default: '200000' },
  'working-set': { type: 'string', default: '1000' },
  'postgres-users': { type: 'string', default: '10000' },
  'no-peer': { type: 'boolean', default: false },
  'no-postgres': { type: 'boolean', default: false },
  'no-sweep': { type: 'boolean', default: false },
  'only-sweep': { type: 'boolean', default: false },
  'no-oauth': { type: 'boolean', default: false },
  'only-oauth': { type: 'boolean', default: false },
  before: { type: 'string' },
  out: { type: 'string' },
};

/** Seconds since the run started, for the progress lines. */
let runStarted = performance.now();
const log = (line) => console.log(`[${((performance.now() - runStarted) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/**
 * The operations, `rounds` times, against running servers: one warm-up of each alone first (what is made on
 * first need, like Cognate's signing keys on the first sign-in, is timed there and kept out of the
 * steady-state figures); an operation the server answers as unsupported is recorded as such and not run.
 * `setups` is a list of { label, servers }: each is measured in turn, its load spread over its servers.
 */
async function measureOperations(setups, operations, ctx, settings) {
  const pools = new Map();
  for (const { servers } of setups) {
    for (const server of servers) if (!pools.has(server)) pools.set(server, connect(server.url, settings.concurrency, settings.requestTimeoutMs));
  }
  const measured = Object.fromEntries(setups.map(({ label }) => [label, {}]));
  const warmUp = {};
  const unsupported = {};
  try {
    for (const op of operations) {
      for (const [server, pool] of pools) {
        const sent = performance.now();
        const answer = await op.run(pool, ctx).catch((error) => ({ problem: String(error) }));
        const ms = performance.now() - sent;
        warmUp[op.name] ??= { ms, ok: answer.problem === undefined };
        if (answer.unsupported) {
          unsupported[op.name] = answer.problem.slice(0, 200);
          log(`  [${server.name}] ${op.name}: unsupported — ${unsupported[op.name]}`);
        } else if (answer.problem !== undefined) {
          log(`  [${server.name}] warm-up ${op.name} failed: ${answer.problem.slice(0, 200)}`);
        }
      }
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (const op of operations) {
        if (unsupported[op.name] !== undefined) continue;
        for (const { label, servers } of setups) {
          const { result, peakRssMb } = await withPeakRss(
            servers.map((s) => s.pid),
            () =>
              closedLoop({
                pools: servers.map((s) => pools.get(s)),
                concurrency: settings.concurrency,
                durationMs: settings.durationMs,
                maxOperations: settings.maxRequests,
                run: async (pool) => (await op.run(pool, ctx)).problem,
              }),
          );
          (measured[label][op.name] ??= []).push({ ...result, peakRssMb });
          log(
            `  [${label} r${round}] ${op.name}: ${result.okRps.toFixed(1)}/s, p50 ${result.p50.toFixed(2)} ms, ` +
              `p99 ${result.p99.toFixed(2)} ms, ${result.errors} errors, peak RSS ${peakRssMb.toFixed(0)} MB, ` +
              `load generator ${result.loadGeneratorCores.toFixed(2)} core` +
              (result.errorSamples.length ? ` — e.g. ${result.errorSamples[0]}` : ''),
          );
        }
      }
    }
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
  const summaries = {};
  for (const { label } of setups) {
    const summary = {};
    for (const op of operations) {
      if (unsupported[op.name] !== undefined) {
        summary[op.name] = { unsupported: unsupported[op.name], warmUpMs: warmUp[op.name]?.ms };
        continue;
      }
      const rounds = measured[label][op.name] ?? [];
      summary[op.name] = {
        warmUpMs: warmUp[op.name]?.ms,
        rps: median(rounds.map((r) => r.okRps)),
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
        requests: rounds.reduce((a, r) => a + r.requests, 0),
        errors: rounds.reduce((a, r) => a + r.errors, 0),
        errorSamples: rounds.flatMap((r) => r.errorSamples).slice(0, 3),
        peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
        loadGeneratorCores: median(rounds.map((r) => r.loadGeneratorCores)),
        rounds,
      };
    }
    summaries[label] = summary;
  }
  return summaries;
}

/** RS256 signatures per second, one thread, median of the rounds: the ceiling of anything that signs a token. */
function measureRs256Limit(settings) {
  log(`limits: RS256 signing (2048-bit key, one thread), ${settings.rounds} × ${settings.durationMs / 1000} s`);
  const rounds = Array.from({ length: settings.rounds }, () => measureRs256(settings.durationMs / 1000).rps);
  log(`  ${median(rounds).toFixed(0)} signatures/s`);
  return { rps: median(rounds), rounds };
}

/** A Cognate pool of n users: made through the API, seeded by `cognate import`, then the working set's passwords. */
export async function seedCognatePool(root, workDir, db, n) {
  const empty = await startCognate(root, db);
  const { poolId, clientId } = await createPoolAndClient(empty.url);
  await empty.stop();
  const csvFile = join(workDir, `users-${n}.csv`);
  const csv = writeImportCsv(csvFile, n);
  log(`  wrote the import CSV (${n} users, ${csv.fileMb.toFixed(1)} MB) in ${csv.seconds.toFixed(1)} s; cognate import:`);
  try {
    const imported = await importUsers(root, db, poolId, csvFile, n);
    log(`  ${imported.summary} in ${imported.seconds.toFixed(1)} s (${Math.round(imported.rowsPerSecond)} rows/s)`);
    return { poolId, clientId, csv, import: imported };
  } finally {
    rmSync(csvFile, { force: true });
  }
}

async function benchCognate(root, benchDir, workDir, n, settings) {
  const dbFile = join(workDir, `cognate-${n}.db`);
  const db = `sqlite:${dbFile}`;
  try {
    log(`cognate, ${n} users: creating the pool, importing the users`);
    const seed = await seedCognatePool(root, workDir, db, n);
    const server = await startCognate(root, db);
    const idle = memory(server.pid);
    log(`  started with the data on disk in ${server.startupMs.toFixed(0)} ms, idle RSS ${idle.rssMb.toFixed(0)} MB`);
    const users = workingSet(n, settings.workingSet);
    const ctx = requestContext('cognate', n, seed.poolId, seed.clientId, users);
    let measured;
    try {
      seed.passwords = await givePasswords(server.url, seed.poolId, users, settings);
      log(`  gave ${seed.passwords.users} users passwords through AdminSetUserPassword in ${seed.passwords.seconds.toFixed(1)} s`);
      const { cognate: operations } = await measureOperations([{ label: 'cognate', servers: [server] }], OPERATIONS, ctx, settings);
      measured = { startupMs: server.startupMs, idleRssMb: idle.rssMb, hwmRssMb: memory(server.pid).hwmMb, seed, dbMb: sqliteMb(dbFile), operations };
    } finally {
      await server.stop();
    }
    // With Cognate stopped, nothing else uses the file while its limit reads it.
    log(`  limit: bare node:http + one SQLite lookup on this database, AdminGetUser's requests`);
    return { ...measured, httpSqliteLookup: await measureSqliteLookupLimit(root, benchDir, dbFile, ctx, settings) };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  }
}

/**
 * USER_PASSWORD_AUTH on a 1k-user pool holding SWEEP_BACKLOG expired sessions and old audit events, measured in
 * pairs of one-round runs on the same database: a server with the sweeper off, and one sweeping (interval 1 s,
 * audit retention 1 day) while it works off that backlog. The pairs alternate their order (off first, then
 * sweeping first) and the verdict is the median of the pairs' ratios, so a machine whose load drifts during the
 * run moves both sides of each ratio alike. The backlog must outlast every sweeping run.
 */
async function benchSweeping(root, workDir, settings) {
  const n = 1000;
  const pairs = Math.max(3, settings.rounds);
  const dbFile = join(workDir, 'cognate-sweep.db');
  const db = `sqlite:${dbFile}`;
  const signIn = OPERATIONS.find((op) => op.name === 'InitiateAuth USER_PASSWORD_AUTH');
  const oneRound = { ...settings, rounds: 1 };
  try {
    log(`sweeping: ${n} users, USER_PASSWORD_AUTH with the sweeper off and while it works off a backlog, ${pairs} alternating pairs`);
    const seed = await seedCognatePool(root, workDir, db, n);
    const users = workingSet(n, Math.min(n, settings.workingSet));
    const ctx = requestContext('cognate', n, seed.poolId, seed.clientId, users);
    const setup = await startCognate(root, db, 'cognate', { COGNATE_SWEEP_INTERVAL: '0' });
    try {
      await givePasswords(setup.url, seed.poolId, users, settings);
    } finally {
      await setup.stop();
    }
    seedBacklog(root, dbFile, seed.poolId, SWEEP_BACKLOG);
    log(`  seeded ${SWEEP_BACKLOG} expired sessions and ${SWEEP_BACKLOG} audit events past retention`);
    const measureWith = async (label, env, beforeMeasuring) => {
      const server = await startCognate(root, db, 'cognate', env);
      try {
        await beforeMeasuring();
        return (await measureOperations([{ label, servers: [server] }], [signIn], ctx, oneRound))[label][signIn.name];
      } finally {
        await server.stop();
      }
    };
    const off = () => measureWith('sweeper off', { COGNATE_SWEEP_INTERVAL: '0' }, async () => {});
    const sweepingNow = () => measureWith('sweeping', { COGNATE_SWEEP_INTERVAL: '1', COGNATE_AUDIT_RETENTION: '1' }, waitForFirstSweep);
    const measuredPairs = [];
    for (let pair = 0; pair < pairs; pair++) {
      const [first, second] = pair % 2 === 0 ? [await off(), await sweepingNow()] : [await sweepingNow(), await off()];
      const [offRun, sweepingRun] = pair % 2 === 0 ? [first, second] : [second, first];
      measuredPairs.push({ off: offRun, sweeping: sweepingRun, ratio: sweepingRun.rps / offRun.rps });
      log(`  pair ${pair}: ${offRun.rps.toFixed(1)}/s without sweeping, ${sweepingRun.rps.toFixed(1)}/s while sweeping (${(sweepingRun.rps / offRun.rps).toFixed(2)}×)`);
    }
    const left = backlogLeft(root, dbFile);
    const medianOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const summary = (side) => ({ rps: medianOf(measuredPairs.map((p) => p[side].rps)), p50: medianOf(measuredPairs.map((p) => p[side].p50)) });
    log(`  backlog left: ${left.sessions} sessions, ${left.auditEvents} events`);
    return { users: n, backlog: SWEEP_BACKLOG, left, off: summary('off'), sweeping: summary('sweeping'), pairs: measuredPairs, ratio: medianOf(measuredPairs.map((p) => p.ratio)) };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  }
}

/** The token endpoint on a 1k-user pool: client_credentials, and the login form's code through its exchange. */
async function benchTokenEndpoint(root, workDir, settings) {
  const n = 1000;
  const dbFile = join(workDir, 'cognate-oauth.db');
  const db = `sqlite:${dbFile}`;
  try {
    log(`token endpoint: ${n} users, client_credentials and the authorization code flow`);
    const seed = await seedCognatePool(root, workDir, db, n);
    // A small working set: each password costs an argon2id hash, and the code flow needs only a few users.
    const users = workingSet(n, Math.min(64, settings.workingSet));
    const server = await startCognate(root, db);
    try {
      await givePasswords(server.url, seed.poolId, users, settings);
      const oauth = await prepareOAuthClients(server.url, seed.poolId);
      const ctx = { ...requestContext('cognate', n, seed.poolId, seed.clientId, users), oauth };
      const { cognate: operations } = await measureOperations([{ label: 'cognate', servers: [server] }], TOKEN_OPERATIONS, ctx, settings);
      return { users: n, operations };
    } finally {
      await server.stop();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  }
}

async function benchPeer(benchDir, workDir, n, settings) {
  const dir = join(workDir, `peer-${n}`);
  preparePeerDir(dir);
  log(`cognito-local, ${n} users: creating the pool, writing its data file`);
  const empty = await startPeer(benchDir, dir);
  const { poolId, clientId } = await createPoolAndClient(empty.url);
  await empty.stop();
  const users = workingSet(n, settings.workingSet);
  const seed = seedPeer(dir, poolId, n, users);
  log(`  wrote ${n} users (${seed.fileMb.toFixed(1)} MB) in ${seed.seconds.toFixed(1)} s`);
  const server = await startPeer(benchDir, dir);
  const idle = memory(server.pid);
  log(`  started with the data on disk in ${server.startupMs.toFixed(0)} ms, idle RSS ${idle.rssMb.toFixed(0)} MB`);
  try {
    const ctx = requestContext('peer', n, poolId, clientId, users);
    const { 'cognito-local': operations } = await measureOperations([{ label: 'cognito-local', servers: [server] }], OPERATIONS, ctx, settings);
    return { startupMs: server.startupMs, idleRssMb: idle.rssMb, hwmRssMb: memory(server.pid).hwmMb, seed, dbMb: seed.fileMb, operations };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One against two Cognate processes on one PostgreSQL database: the same load (concurrency connections,
 * closed loop) sent to instance A alone, then split evenly over A and B, operation by operation.
 */
async function benchScaleOut(root, workDir, settings) {
  let cluster;
  let serverUrl = process.env.COGNATE_BENCH_POSTGRES_URL;
  if (!serverUrl) {
    const binDir = postgresBinDir();
    if (binDir === undefined) {
      return { skipped: 'PostgreSQL server binaries (initdb, pg_ctl) not found; install them or set COGNATE_BENCH_POSTGRES_URL' };
    }
    cluster = await startThrowawayPostgres(binDir);
    serverUrl = cluster.url;
    log(`postgres: throwaway cluster from ${binDir} on ${new URL(serverUrl).host}`);
  } else {
    log('postgres: the server COGNATE_BENCH_POSTGRES_URL names');
  }
  const n = settings.postgresUsers;
  const database = await createDatabase(root, serverUrl);
  const servers = [];
  try {
    log(`postgres, ${n} users: creating the pool, importing the users`);
    const seed = await seedCognatePool(root, workDir, database.url, n);
    servers.push(await startCognate(root, database.url, 'cognate A'), await startCognate(root, database.url, 'cognate B'));
    log(`  started A and B in ${servers.map((s) => s.startupMs.toFixed(0)).join(' and ')} ms`);
    const users = workingSet(n, settings.workingSet);
    seed.passwords = await givePasswords(servers[0].url, seed.poolId, users, settings);
    log(`  gave ${seed.passwords.users} users passwords in ${seed.passwords.seconds.toFixed(1)} s`);
    const ctx = requestContext('pg', n, seed.poolId, seed.clientId, users);
    const operations = await measureOperations(
      [
        { label: 'one instance', servers: [servers[0]] },
        { label: 'two instances', servers },
      ],
      SCALE_OUT_OPERATIONS,
      ctx,
      settings,
    );
    return { users: n, seed, startupMs: servers.map((s) => s.startupMs), operations };
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
    cluster?.stop();
  }
}

/**
 * Requests a freshly started limit server answers, unrecorded, before it is measured: its first thousands run
 * unoptimised code (a cold 1 s phase measured well under half the warm rate), while Cognate's server has
 * served the working set's requests by the time it is measured.
 */
const LIMIT_WARM_UP_REQUESTS = 5_000;

function warmUpLimit(pool, run, settings) {
  return closedLoop({ pools: [pool], concurrency: settings.concurrency, durationMs: settings.requestTimeoutMs, maxOperations: LIMIT_WARM_UP_REQUESTS, run });
}

/** The bare node:http server's requests/s with the same generator, body and concurrency, once warm. */
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
  const body = JSON.stringify({ UserPoolId: 'us-east-1_BenchPool', Username: username(123) });
  const run = async (p) => {
    const res = await p.request({ path: '/', method: 'POST', headers: headers('AdminGetUser'), body });
    await res.body.text();
    return res.statusCode === 200 ? undefined : `${res.statusCode}`;
  };
  try {
    await warmUpLimit(pool, run, settings);
    for (let round = 0; round < settings.rounds; round++) {
      rounds.push(await closedLoop({ pools: [pool], concurrency: settings.concurrency, durationMs: settings.durationMs, maxOperations: settings.maxRequests, run }));
    }
  } finally {
    await pool.close();
    await server.stop();
  }
  return { rps: median(rounds.map((r) => r.okRps)), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)), rounds };
}

/**
 * limits/httpSqliteLookup.mjs on a Cognate database, once warm: AdminGetUser's requests (any user of the
 * pool) with the same generator, concurrency, duration and rounds, so AdminGetUser can be held against it.
 */
async function measureSqliteLookupLimit(root, benchDir, dbFile, ctx, settings) {
  const port = await freePort();
  const server = await startServer({
    name: 'bare node:http + SQLite lookup',
    command: process.execPath,
    args: [join(benchDir, 'limits/httpSqliteLookup.mjs'), root, dbFile, String(port)],
    ready: () => `http://127.0.0.1:${port}`,
  });
  try {
    const pool = connect(server.url, settings.concurrency, settings.requestTimeoutMs);
    try {
      await warmUpLimit(pool, async (p) => (await adminGetUser.run(p, ctx)).problem, settings);
    } finally {
      await pool.close();
    }
    const label = 'bare node:http + SQLite lookup';
    const measured = await measureOperations([{ label, servers: [server] }], [adminGetUser], ctx, settings);
    return measured[label][adminGetUser.name];
  } finally {
    await server.stop();
  }
}

/** The password-work rates (limits/passwordWork.mjs) in a child process. */
function measurePasswordWork(root, benchDir, seconds) {
  return new Promise((resolve, reject) => {
    const child = owned(spawn(process.execPath, [join(benchDir, 'limits/passwordWork.mjs'), root, String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] }));
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`passwordWork exited with ${code}`))));
  });
}

/** The SQLite database's size with its WAL. */
function sqliteMb(dbFile) {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(`${dbFile}${suffix}`).size;
    } catch {
      // no WAL file
    }
  }
  return bytes / 1e6;
}

function machine() {
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) commit += ' (src/ modified)';
  } catch {
    commit = undefined;
  }
  return { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGb: totalmem() / 2 ** 30, node: process.version, platform: process.platform, commit };
}

function poolSizes(text, option) {
  const values = text.split(',').filter(Boolean).map(Number);
  if (values.some((n) => !Number.isInteger(n) || n < 200 || n > 1_000_000)) throw new Error(`--${option}: integers from 200 to 1000000`);
  return values;
}

export async function main({ root, benchDir, argv }) {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  const settings = {
    sizes: poolSizes(values.sizes, 'sizes'),
    peerSizes: values['no-peer'] ? [] : poolSizes(values['peer-sizes'], 'peer-sizes'),
    durationMs: Number(values.duration) * 1000,
    rounds: Number(values.rounds),
    concurrency: Number(values.concurrency),
    requestTimeoutMs: Number(values['request-timeout']) * 1000,
    maxRequests: Number(values['max-requests']),
    workingSet: Number(values['working-set']),
    postgresUsers: values['no-postgres'] ? 0 : poolSizes(values['postgres-users'], 'postgres-users')[0],
  };
  for (const option of ['duration', 'rounds', 'concurrency', 'request-timeout', 'max-requests', 'working-set']) {
    if (!(Number(values[option]) > 0)) throw new Error(`--${option}: a positive number`);
  }
  const before = values.before === undefined ? undefined : { file: values.before, results: JSON.parse(readFileSync(values.before, 'utf8')) };

  const startedAt = new Date();
  runStarted = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), 'cognate-bench-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.once('exit', removeWorkDir);
  const results = { startedAt: startedAt.toISOString(), machine: machine(), settings, limits: {}, sizes: {} };
  try {
    if (values['only-sweep']) {
      results.sweeping = await benchSweeping(root, workDir, settings);
    } else if (values['only-oauth']) {
      results.limits.rs256Sign = measureRs256Limit(settings);
      const samples = [];
      for (let round = 0; round < settings.rounds; round++) samples.push(await measurePasswordWork(root, benchDir, Math.max(2, settings.durationMs / 1000)));
      results.limits.passwordVerify = { rps: median(samples.map((sample) => sample.verifyPerSecond)), rounds: samples.map((sample) => sample.verifyPerSecond) };
      results.tokenEndpoint = await benchTokenEndpoint(root, workDir, settings);
    } else {
      log(`limits: bare node:http, ${settings.rounds} × ${settings.durationMs / 1000} s`);
      results.limits.http = await measureHttpLimit(benchDir, settings);
      log(`  ${results.limits.http.rps.toFixed(0)} req/s`);
      log('limits: password work');
      // Medians over rounds, as for the operations: one short sample of hashing swings by a quarter on shared cores.
      const samples = [];
      for (let round = 0; round < settings.rounds; round++) samples.push(await measurePasswordWork(root, benchDir, Math.max(2, settings.durationMs / 1000)));
      const work = {
        setPerSecond: median(samples.map((sample) => sample.setPerSecond)),
        verifyPerSecond: median(samples.map((sample) => sample.verifyPerSecond)),
        srpSignInPerSecond: median(samples.map((sample) => sample.srpSignInPerSecond)),
      };
      results.limits.passwordSet = { rps: work.setPerSecond, rounds: samples.map((sample) => sample.setPerSecond) };
      results.limits.passwordVerify = { rps: work.verifyPerSecond, rounds: samples.map((sample) => sample.verifyPerSecond) };
      results.limits.srpSignIn = { rps: work.srpSignInPerSecond, rounds: samples.map((sample) => sample.srpSignInPerSecond) };
      log(
        `  argon2id+SRP verifier ${work.setPerSecond.toFixed(1)}/s, argon2id verify ${work.verifyPerSecond.toFixed(1)}/s (two at a time), ` +
          `server SRP sign-in arithmetic ${work.srpSignInPerSecond.toFixed(1)}/s (one thread)`,
      );
      results.limits.rs256Sign = measureRs256Limit(settings);
      for (const n of settings.sizes) {
        results.sizes[n] = { cognate: await benchCognate(root, benchDir, workDir, n, settings) };
        if (settings.peerSizes.includes(n)) results.sizes[n].peer = await benchPeer(benchDir, workDir, n, settings);
      }
      if (settings.postgresUsers > 0) {
        results.scaleOut = await benchScaleOut(root, workDir, settings);
        if (results.scaleOut.skipped) log(`postgres: skipped — ${results.scaleOut.skipped}`);
      }
      if (!values['no-oauth']) results.tokenEndpoint = await benchTokenEndpoint(root, workDir, settings);
      if (!values['no-sweep']) results.sweeping = await benchSweeping(root, workDir, settings);
    }
  } finally {
    removeWorkDir();
  }
  results.finishedAt = new Date().toISOString();
  results.elapsedSeconds = (performance.now() - runStarted) / 1000;
  results.targets = targets(results);
  console.log(`\n${table(results)}`);
  const outDir = values.out ?? join(benchDir, 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, '').replace(/\.\d{3}/, '');
  writeFileSync(join(outDir, `${stamp}.json`), `${JSON.stringify(results, null, 1)}\n`);
  writeFileSync(join(outDir, `${stamp}.md`), markdown(results, before));
  console.log(`wrote ${join(outDir, `${stamp}.json`)} and .md (${(results.elapsedSeconds / 60).toFixed(1)} min)`);
}
