// What a no-op Lambda trigger adds to a USER_PASSWORD_AUTH sign-in: a row of `npm run bench`'s main table
// (measureTriggerLatency), or alone with `npm run bench -- --triggers [--sign-ins N]`. One Cognate (programmatic, SQLite in a temporary file, `--functions` naming a handler that returns
// its event) serves two pools that differ only in LambdaConfig: none, and PreAuthentication = the no-op. The
// sign-ins alternate between the pools, one at a time, so both see the same machine load. Alone, it writes
// bench/results/triggers-<stamp>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { call, PASSWORD } from './lib/cognito.mjs';

const NOOP_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:noop';

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function poolWithUser(url, LambdaConfig) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench-triggers', LambdaConfig });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await call(url, 'AdminCreateUser', { UserPoolId: UserPool.Id, Username: 'bench', MessageAction: 'SUPPRESS' });
  await call(url, 'AdminSetUserPassword', { UserPoolId: UserPool.Id, Username: 'bench', Password: PASSWORD, Permanent: true });
  return UserPoolClient.ClientId;
}

async function signIn(url, clientId) {
  const t0 = performance.now();
  const response = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bench', PASSWORD } }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`InitiateAuth -> ${response.status} ${text.slice(0, 200)}`);
  return performance.now() - t0;
}

/**
 * p50/p99 of USER_PASSWORD_AUTH sign-ins without a trigger and with a no-op PreAuthentication run through
 * `--functions` (a fresh worker per invocation, as Cognate runs local handlers), and the p50 it adds.
 */
export async function measureTriggerLatency({ root, signIns }) {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-triggers-'));
  writeFileSync(join(dir, 'noop.mjs'), 'export const handler = async (event) => event;\n');
  writeFileSync(join(dir, 'functions.json'), JSON.stringify({ noop: './noop.mjs' }));
  const { startCognate } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
  const cognate = await startCognate({ db: `sqlite:${join(dir, 'cognate.db')}`, functions: join(dir, 'functions.json') });
  try {
    const plain = await poolWithUser(cognate.endpoint, {});
    const triggered = await poolWithUser(cognate.endpoint, { PreAuthentication: NOOP_ARN });
    await signIn(cognate.endpoint, plain);
    await signIn(cognate.endpoint, triggered);
    const times = { without: [], with: [] };
    for (let i = 0; i < signIns; i += 1) {
      times.without.push(await signIn(cognate.endpoint, plain));
      times.with.push(await signIn(cognate.endpoint, triggered));
    }
    const summary = Object.fromEntries(
      Object.entries(times).map(([name, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
      }),
    );
    return { signIns, summary, addedP50Ms: summary.with.p50 - summary.without.p50 };
  } finally {
    await cognate.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function triggersBench({ root, argv }) {
  const { values } = parseArgs({ args: argv, options: { triggers: { type: 'boolean' }, 'sign-ins': { type: 'string', default: '60' } }, strict: false });
  const { signIns, summary, addedP50Ms } = await measureTriggerLatency({ root, signIns: Number(values['sign-ins']) });
  console.log('| USER_PASSWORD_AUTH sign-in | p50 ms | p99 ms |');
  console.log('|---|---|---|');
  console.log(`| without a trigger | ${summary.without.p50.toFixed(1)} | ${summary.without.p99.toFixed(1)} |`);
  console.log(`| with a no-op PreAuthentication (--functions) | ${summary.with.p50.toFixed(1)} | ${summary.with.p99.toFixed(1)} |`);
  console.log(`| added by the trigger | ${addedP50Ms.toFixed(1)} | |`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '').replace(/\d{3}Z$/, 'Z');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, `bench/results/triggers-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ signIns, cpus: cpus().length, loadavg: loadavg(), summary, addedP50Ms }, null, 2));
  console.log(`written ${file}`);
}
