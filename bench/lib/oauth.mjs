// The token endpoint (issue 13): client_credentials, and the hosted sign-in's authorization code from the
// classic login form to its exchange, on a 1k-user pool, held against this machine's RS256 signing rate
// (one thread: Cognate signs on its event loop) and the argon2id verification every form sign-in costs.
import { generateKeyPairSync, sign } from 'node:crypto';
import { PASSWORD, call } from './cognito.mjs';

const CALLBACK = 'http://localhost:3000/callback';
/** A fixed CSRF value: the form contract is only that the field equals the cookie. */
const CSRF = 'bench-csrf-0123456789abcdef';

/** A resource server and two clients on the pool: a machine client with a secret, a web client for the code flow. */
export async function prepareOAuthClients(url, poolId) {
  await call(url, 'CreateResourceServer', { UserPoolId: poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] });
  const { UserPoolClient: machine } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'bench-machine',
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['orders/read'],
  });
  const { UserPoolClient: web } = await call(url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'bench-web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email'],
    CallbackURLs: [CALLBACK],
  });
  return {
    machineBasic: `Basic ${Buffer.from(`${machine.ClientId}:${machine.ClientSecret}`).toString('base64')}`,
    webClientId: web.ClientId,
  };
}

async function form(pool, path, fields, headers = {}) {
  const res = await pool.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.statusCode, location: res.headers.location, text: await res.body.text() };
}

const clientCredentials = {
  name: 'POST /oauth2/token client_credentials',
  limit: 'rs256Sign',
  run: async (pool, ctx) => {
    const answer = await form(pool, '/oauth2/token', { grant_type: 'client_credentials', scope: 'orders/read' }, { authorization: ctx.oauth.machineBasic });
    return { problem: answer.status === 200 && answer.text.includes('"access_token"') ? undefined : `${answer.status} ${answer.text}` };
  },
};

/**
 * The code flow as a browser and its app run it, minus the GET of the form: POST /login (the password
 * check), then the code's exchange at /oauth2/token. One operation = both requests, counted only when
 * tokens come back.
 */
const authorizationCode = {
  name: 'POST /login → authorization_code exchange',
  limit: 'passwordVerify',
  run: async (pool, ctx) => {
    const query = new URLSearchParams({ response_type: 'code', client_id: ctx.oauth.webClientId, redirect_uri: CALLBACK, scope: 'openid email' });
    const login = await form(pool, `/login?${query}`, { _csrf: CSRF, username: ctx.confirmedUser(), password: PASSWORD }, { cookie: `XSRF-TOKEN=${CSRF}` });
    const code = login.status === 302 ? new URL(login.location).searchParams.get('code') : null;
    if (code === null) return { problem: `${login.status} ${login.location ?? login.text.slice(0, 200)}` };
    const exchange = await form(pool, '/oauth2/token', { grant_type: 'authorization_code', client_id: ctx.oauth.webClientId, redirect_uri: CALLBACK, code });
    return { problem: exchange.status === 200 && exchange.text.includes('"id_token"') ? undefined : `${exchange.status} ${exchange.text}` };
  },
};

export const TOKEN_OPERATIONS = [clientCredentials, authorizationCode];

/** RS256 signatures per second with a 2048-bit key (Cognate's signing keys), one thread, for `seconds`. */
export function measureRs256(seconds) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const payload = Buffer.alloc(700, 'x');
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < seconds * 1000) {
    sign('sha256', payload, privateKey);
    count++;
  }
  return { rps: count / ((performance.now() - started) / 1000) };
}
