// Cognate from the compiled dist, dev mode, SQLite; seeded through its own store API.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PASSWORD, REGION, emailOf, freePort, username } from './cognito.mjs';
import { startServer } from './processes.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;
const SEED_BATCH = 1000;

export function startCognate(root, dbFile) {
  return freePort().then((port) =>
    startServer({
      name: 'cognate',
      command: process.execPath,
      args: [join(root, 'dist/src/cli/index.js'), 'serve', '--port', String(port), '--db', `sqlite:${dbFile}`, '--log-level', 'warn'],
      cwd: root,
      env: { COGNATE_REGION: REGION },
      ready: () => `http://127.0.0.1:${port}`,
    }),
  );
}

const load = (root, path) => import(pathToFileURL(join(root, 'dist/src', path)).href);

/**
 * Writes users u000000…u<n-1> into a pool the server made (the server must be stopped): real records with
 * real password secrets. The argon2id hash is computed once and shared (every seeded user has the same
 * password); each user gets its own SRP salt and verifier, since those depend on the username. Even users
 * are CONFIRMED with a permanent password, odd ones FORCE_CHANGE_PASSWORD with a temporary one.
 */
export async function seedCognate(root, dbFile, poolId, n) {
  const { openStore } = await load(root, 'storage/open.js');
  const { argon2Hasher } = await load(root, 'domain/passwords/argon2.js');
  const { computeVerifier } = await load(root, 'domain/passwords/srp.js');
  const { aliasKeys, usernameKey } = await load(root, 'domain/users/aliases.js');
  const store = await openStore(`sqlite:${dbFile}`);
  try {
    const pool = await store.pools.get(poolId);
    if (pool === undefined) throw new Error(`pool ${poolId} not found in ${dbFile}`);
    const hash = await argon2Hasher.hash(PASSWORD);
    const now = new Date();
    const t0 = performance.now();
    for (let from = 0; from < n; from += SEED_BATCH) {
      const users = [];
      for (let i = from; i < Math.min(n, from + SEED_BATCH); i++) {
        const name = username(i);
        const sub = randomUUID();
        const attributes = { sub, email: emailOf(name), email_verified: 'true' };
        const temporary = i % 2 === 1;
        const salt = randomBytes(16);
        users.push({
          poolId,
          username: name,
          usernameKey: usernameKey(pool, name),
          sub,
          status: temporary ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED',
          enabled: true,
          attributes,
          aliases: aliasKeys(pool, attributes),
          createdAt: now,
          lastModifiedAt: now,
          password: {
            hash,
            srpSalt: salt.toString('hex'),
            srpVerifier: computeVerifier(poolId, name, PASSWORD, salt),
            temporary,
            ...(temporary ? { expiresAt: new Date(now.getTime() + 7 * DAY_MS) } : {}),
            setAt: now,
          },
        });
      }
      await store.transaction(async (tx) => {
        for (const user of users) await tx.users.create(user);
      });
    }
    return { seconds: (performance.now() - t0) / 1000, count: await store.users.count(poolId) };
  } finally {
    await store.close();
  }
}
