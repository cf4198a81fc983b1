// The cognito-idp wire protocol as the bench speaks it: raw AWS JSON 1.1 with a SigV4-shaped Authorization
// header. Cognate's dev mode checks only the header's shape and that the credential scope's date matches
// x-amz-date; cognito-local checks nothing. Unsigned operations (InitiateAuth) carry no Authorization.
import { createServer } from 'node:net';

export const PASSWORD = 'Bench-Passw0rd!';
export const REGION = 'us-east-1';

/** u000000 … u999999, the users of every pool, with an email each. */
export const username = (i) => `u${String(i).padStart(6, '0')}`;
export const emailOf = (name) => `${name}@example.com`;

/** The header of a Cognito user-import CSV, as GetCSVHeader returns it for a pool with the standard schema. */
export const IMPORT_HEADER = [
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified',
  'address', 'updated_at', 'cognito:mfa_enabled', 'cognito:username',
];

/** One CSV row of IMPORT_HEADER for user `name`: its email, verified, MFA off, every other column empty. */
export function importRow(name) {
  return IMPORT_HEADER.map((column) => {
    switch (column) {
      case 'email': return emailOf(name);
      case 'email_verified': return 'true';
      case 'cognito:mfa_enabled': return 'false';
      case 'cognito:username': return name;
      default: return '';
    }
  }).join(',');
}

/**
 * The users who get a password before measuring: `size` of the pool's n users spread evenly over it,
 * alternately even (confirmed: permanent password) and odd (temporary password, FORCE_CHANGE_PASSWORD).
 * Sign-ins and password sets pick from these; reads pick from the whole pool.
 */
export function workingSet(n, size) {
  const count = Math.min(size, n);
  const confirmed = [];
  const temporary = [];
  for (let j = 0; j < count; j++) {
    const spot = Math.floor((j * n) / count);
    const i = spot - (spot % 2) + (j % 2);
    (j % 2 === 0 ? confirmed : temporary).push(username(i));
  }
  return { confirmed, temporary };
}

const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const SIGNED = {
  authorization:
    `AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/${amzDate.slice(0, 8)}/${REGION}/cognito-idp/aws4_request, ` +
    `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  'x-amz-date': amzDate,
};

const UNSIGNED = new Set(['InitiateAuth', 'RespondToAuthChallenge', 'SignUp', 'ConfirmSignUp', 'ForgotPassword']);
const headerCache = new Map();

export function headers(operation) {
  let found = headerCache.get(operation);
  if (found === undefined) {
    found = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...(UNSIGNED.has(operation) ? {} : SIGNED),
    };
    headerCache.set(operation, found);
  }
  return found;
}

/** One request through an undici pool: its status and body text. */
export async function post(pool, operation, input) {
  const res = await pool.request({ path: '/', method: 'POST', headers: headers(operation), body: JSON.stringify(input) });
  return { status: res.statusCode, text: await res.body.text() };
}

/** One request through fetch, for setup; throws with the server's answer on any non-200. */
export async function call(url, operation, input) {
  const res = await fetch(url, { method: 'POST', headers: headers(operation), body: JSON.stringify(input) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${operation} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * A pool with plain usernames and email auto-verified (a user import needs an auto-verified attribute),
 * and a client allowed USER_PASSWORD_AUTH and USER_SRP_AUTH.
 */
export async function createPoolAndClient(url) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench', UsernameAttributes: [], AutoVerifiedAttributes: ['email'] });
  const { UserPoolClient } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { poolId: UserPool.Id, clientId: UserPoolClient.ClientId };
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
