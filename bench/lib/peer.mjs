// The peer, cognito-local (a dependency of bench/package.json only), configured for plain usernames: its
// default config makes usernames emails, which AWS does not. Its pools are JSON files under <dir>/.cognito/db,
// rewritten whole on every write; large pools are seeded by writing that file directly, in its own format.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD, emailOf, freePort, username } from './cognito.mjs';
import { startServer } from './processes.mjs';

export function preparePeerDir(dir) {
  mkdirSync(join(dir, '.cognito/db'), { recursive: true });
  writeFileSync(join(dir, '.cognito/config.json'), JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
}

export async function startPeer(benchDir, dir) {
  const port = await freePort();
  return startServer({
    name: 'cognito-local',
    command: process.execPath,
    args: [join(benchDir, 'node_modules/cognito-local/lib/bin/start.js')],
    cwd: dir,
    env: { PORT: String(port), HOST: '127.0.0.1', DEBUG: '' },
    ready: () => `http://127.0.0.1:${port}`,
  });
}

/**
 * Replaces the pool's users with u000000…u<n-1> (server stopped), in the state Cognate's are in after its
 * import and working set: RESET_REQUIRED without a password, except the working set, whose confirmed users
 * are CONFIRMED and the others FORCE_CHANGE_PASSWORD, all with the bench's password.
 */
export function seedPeer(dir, poolId, n, workingSet) {
  const t0 = performance.now();
  const file = join(dir, '.cognito/db', `${poolId}.json`);
  const db = JSON.parse(readFileSync(file, 'utf8'));
  const now = new Date().toISOString();
  const status = new Map([
    ...workingSet.confirmed.map((name) => [name, 'CONFIRMED']),
    ...workingSet.temporary.map((name) => [name, 'FORCE_CHANGE_PASSWORD']),
  ]);
  const users = {};
  for (let i = 0; i < n; i++) {
    const name = username(i);
    const userStatus = status.get(name) ?? 'RESET_REQUIRED';
    users[name] = {
      Username: name,
      ...(userStatus === 'RESET_REQUIRED' ? {} : { Password: PASSWORD }),
      Attributes: [
        { Name: 'sub', Value: randomUUID() },
        { Name: 'email', Value: emailOf(name) },
        { Name: 'email_verified', Value: 'true' },
      ],
      Enabled: true,
      UserStatus: userStatus,
      UserCreateDate: now,
      UserLastModifiedDate: now,
      RefreshTokens: [],
    };
  }
  db.Users = users;
  const text = JSON.stringify(db, null, 2);
  writeFileSync(file, text);
  return { seconds: (performance.now() - t0) / 1000, fileMb: text.length / 1e6 };
}
