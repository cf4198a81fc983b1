// The ceiling of any AdminGetUser answered from SQLite on this machine: the bare node:http server of
// bareHttp.mjs plus the one point read Cognate runs to find the user, on Cognate's own database file, and
// the answer built from the row; no SigV4, validation, pool read, audit or clock work. Started with the
// repository root (better-sqlite3 is the server's dependency, not the bench's), the database file and the
// port; prints its URL once listening.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [root, dbFile, port] = process.argv.slice(2);
const Database = createRequire(join(root, 'package.json'))('better-sqlite3');

// Opened read-write with Cognate's settings (src/storage/sqlite), so reads see its WAL the same way.
const db = new Database(dbFile);
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -2000');

// The SQL text Cognate's store compiles for a user by username key (src/storage/sql/users.ts).
const userByKey = db.prepare('select * from "users" where "pool_id" = ? and "username_key" = ?');

// Username keys fold case only in case-insensitive pools (src/domain/users/aliases.ts): the pools' rule,
// read once here rather than per request, so the request path keeps its one query.
const caseSensitive = new Map(
  db
    .prepare('select "id", "config" from "user_pools"')
    .all()
    .map((pool) => [pool.id, JSON.parse(pool.config).UsernameConfiguration?.CaseSensitive ?? true]),
);

const CONTENT_TYPE = 'application/x-amz-json-1.1';

function send(res, status, document) {
  const out = JSON.stringify(document);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(out) });
  res.end(out);
}

/** The row as AdminGetUser answers it (src/domain/users/user.ts): attributes `sub` first, dates in epoch seconds. */
function getUserResponse(row) {
  const attributes = JSON.parse(row.attributes);
  const names = Object.keys(attributes).sort((a, b) => (a === 'sub' ? -1 : b === 'sub' ? 1 : 0));
  return {
    Username: row.username,
    UserAttributes: names.map((Name) => ({ Name, Value: attributes[Name] })),
    UserCreateDate: row.created_at / 1000,
    UserLastModifiedDate: row.last_modified_at / 1000,
    Enabled: row.enabled_state === 'Enabled',
    UserStatus: row.status,
  };
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/health') return send(res, 200, {});
    const { UserPoolId, Username } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const sensitive = caseSensitive.get(UserPoolId);
    if (sensitive === undefined) return send(res, 400, { __type: 'ResourceNotFoundException', message: `User pool ${UserPoolId} does not exist.` });
    const row = userByKey.get(UserPoolId, sensitive ? Username : Username.toLowerCase());
    if (row === undefined) return send(res, 400, { __type: 'UserNotFoundException', message: 'User does not exist.' });
    send(res, 200, getUserResponse(row));
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
