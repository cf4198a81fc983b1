// `npm run bench -- --console [--users N] [--requests N]`: the admin console on a large pool against the API
// calls it is made of. The pool is seeded as the main bench seeds it (`cognate import` of a user-import CSV,
// default 100k users), then one Cognate (compiled dist, dev mode, SQLite) answers, one request at a time and
// alternating so that both see the same machine load: ListUsers (60 users) and the console's users page; ListUsers
// `email ^= "u00012"` and the console's search for it; DescribeUserPool and the pool's overview; AdminGetUser and the
// console's user page. Every console list is one operation page, so each page costs its API calls (the pool's
// DescribeUserPool among them) plus the HTML. Writes
// bench/results/console-<stamp>.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { headers, username } from './lib/cognito.mjs';
import { startCognate } from './lib/cognate.mjs';
import { percentile } from './lib/loadgen.mjs';
import { seedCognatePool } from './lib/main.mjs';

async function timed(url, init, check) {
  const t0 = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200 || !check(text)) throw new Error(`${init?.method ?? 'GET'} ${url} -> ${response.status} ${text.slice(0, 300)}`);
  return ms;
}

const api = (base, operation, input, check) => () =>
  timed(`${base}/`, { method: 'POST', headers: headers(operation), body: JSON.stringify(input) }, check);
const page = (base, path, check) => () => timed(`${base}${path}`, { headers: { accept: 'text/html' } }, check);
const rows = (html) => (html.match(/<tr><td>/g) ?? []).length;

export async function consoleBench({ root, argv }) {
  const { values } = parseArgs({ args: argv, options: { console: { type: 'boolean' }, users: { type: 'string', default: '100000' }, requests: { type: 'string', default: '40' } }, strict: false });
  const n = Number(values.users);
  const requests = Number(values.requests);
  const workDir = mkdtempSync(join(tmpdir(), 'cognate-bench-console-'));
  const db = `sqlite:${join(workDir, 'cognate.db')}`;
  try {
    console.log(`console bench: ${n} users, seeding with cognate import`);
    const seed = await seedCognatePool(root, workDir, db, n);
    const server = await startCognate(root, db);
    try {
      const { poolId } = seed;
      const users = `/console/pools/${encodeURIComponent(poolId)}/users`;
      const someone = username(Math.floor(n / 2));
      const pairs = [
        {
          name: 'list 60 users',
          api: api(server.url, 'ListUsers', { UserPoolId: poolId, Limit: 60 }, (text) => JSON.parse(text).Users.length === 60),
          console: page(server.url, users, (html) => rows(html) === 60 && html.includes('rel="next"')),
        },
        {
          name: 'search email ^= "u00012"',
          api: api(server.url, 'ListUsers', { UserPoolId: poolId, Limit: 60, Filter: 'email ^= "u00012"' }, (text) => JSON.parse(text).Users.length > 0),
          console: page(server.url, `${users}?attribute=email&operator=%5E%3D&value=u00012`, (html) => rows(html) > 0 && rows(html) <= 60),
        },
        {
          // Every console page describes its pool (name, settings); DescribeUserPool counts the pool's users.
          name: 'the pool',
          api: api(server.url, 'DescribeUserPool', { UserPoolId: poolId }, (text) => text.includes('"EstimatedNumberOfUsers"')),
          console: page(server.url, `/console/pools/${encodeURIComponent(poolId)}`, (html) => html.includes('Estimated users')),
        },
        {
          name: 'one user',
          api: api(server.url, 'AdminGetUser', { UserPoolId: poolId, Username: someone }, (text) => text.includes(someone)),
          console: page(server.url, `${users}/${someone}`, (html) => html.includes(`User ${someone}`)),
        },
      ];
      for (const pair of pairs) {
        await pair.api();
        await pair.console();
      }
      const times = Object.fromEntries(pairs.map((pair) => [pair.name, { api: [], console: [] }]));
      for (let i = 0; i < requests; i += 1) {
        for (const pair of pairs) {
          times[pair.name].api.push(await pair.api());
          times[pair.name].console.push(await pair.console());
        }
      }
      const summary = Object.fromEntries(
        Object.entries(times).map(([name, sides]) => {
          const stats = (list) => {
            const sorted = [...list].sort((a, b) => a - b);
            return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
          };
          const both = { api: stats(sides.api), console: stats(sides.console) };
          return [name, { ...both, ratioP50: both.console.p50 / both.api.p50 }];
        }),
      );
      console.log(`| ${n} users, one request at a time | API p50 ms | console p50 ms | console / API |`);
      console.log('|---|---|---|---|');
      for (const [name, row] of Object.entries(summary)) {
        console.log(`| ${name} | ${row.api.p50.toFixed(1)} | ${row.console.p50.toFixed(1)} | ${row.ratioP50.toFixed(2)}× |`);
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '').replace(/\d{3}Z$/, 'Z');
      mkdirSync(join(root, 'bench/results'), { recursive: true });
      const file = join(root, `bench/results/console-${stamp}.json`);
      writeFileSync(file, JSON.stringify({ users: n, requests, cpus: cpus().length, loadavg: loadavg(), seed, summary }, null, 2));
      console.log(`written ${file}`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
