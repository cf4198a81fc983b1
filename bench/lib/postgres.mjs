// PostgreSQL for the scale-out measurement: a throwaway cluster of the bench's own (initdb + pg_ctl in a
// temporary directory, random free port, durability off, stopped and removed afterwards), or the server
// COGNATE_BENCH_POSTGRES_URL names. Either way the bench works in a database it creates and drops.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startThrowawayPostgres as startCluster } from '../../scripts/throwawayPostgres.mjs';

export { postgresBinDir } from '../../scripts/throwawayPostgres.mjs';

/** Starts a cluster from the binaries in binDir, removed when the bench exits; returns its URL and stop(). */
export async function startThrowawayPostgres(binDir) {
  let stop = () => {};
  const url = await startCluster(binDir, {
    prefix: 'cognate-bench-pg-',
    onStop: (stopCluster) => {
      stop = stopCluster;
      process.once('exit', stopCluster);
    },
  });
  return { url, stop: () => stop() };
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
