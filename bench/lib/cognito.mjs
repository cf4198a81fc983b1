// The cognito-idp wire protocol as the bench speaks it: raw AWS JSON 1.1 with a SigV4-shaped Authorization
// header. Cognate's dev mode checks only the header's shape and that the credential scope's date matches
// x-amz-date; cognito-local checks nothing. Unsigned operations (InitiateAuth) carry no Authorization.
import { createServer } from 'node:net';

export const PASSWORD = 'Bench-Passw0rd!';
export const REGION = 'us-east-1';

/** u000000 … u999999: even users are CONFIRMED (permanent password), odd ones FORCE_CHANGE_PASSWORD. */
export const username = (i) => `u${String(i).padStart(6, '0')}`;
export const emailOf = (name) => `${name}@example.com`;

const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const SIGNED = {
  authorization:
    `AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/${amzDate.slice(0, 8)}/${REGION}/cognito-idp/aws4_request, ` +
    `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  'x-amz-date': amzDate,
};

const UNSIGNED = new Set(['InitiateAuth', 'RespondToAuthChallenge', 'SignUp', 'ConfirmSignUp', 'ForgotPassword']);

export function headers(operation) {
  return {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    ...(UNSIGNED.has(operation) ? {} : SIGNED),
  };
}

/** One request through fetch, for setup; throws with the server's answer on any non-200. */
export async function call(url, operation, input) {
  const res = await fetch(url, { method: 'POST', headers: headers(operation), body: JSON.stringify(input) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${operation} -> ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A pool with plain usernames and a client allowed USER_PASSWORD_AUTH. */
export async function createPoolAndClient(url) {
  const { UserPool } = await call(url, 'CreateUserPool', { PoolName: 'bench', UsernameAttributes: [] });
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
