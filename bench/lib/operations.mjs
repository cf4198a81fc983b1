// What each measured operation sends, how its success is judged, and which limit it is held against: the
// bare HTTP server for what needs no password work, argon2id + SRP verifier for setting a password, one
// argon2id verification for USER_PASSWORD_AUTH, the server's SRP arithmetic for an SRP sign-in.
import { PASSWORD, emailOf, post, username } from './cognito.mjs';
import { clientKeyPair, passwordVerifierResponses } from './srpClient.mjs';

/** The answer cognito-local gives for a feature it does not have. */
const UNSUPPORTED = 'CognitoLocal#Unsupported';

/** undefined when the answer is a success, else "<status> <body>". */
const problem = (answer, ok) => (ok(answer) ? undefined : `${answer.status} ${answer.text}`);
const status200 = (answer) => answer.status === 200;
const withTokens = (answer) => answer.status === 200 && answer.text.includes('"AccessToken"');

/** An operation of one request: `input(ctx)` is its body. */
function single(name, target, limit, input, ok = status200) {
  return {
    name,
    limit,
    run: async (pool, ctx) => {
      const answer = await post(pool, target, input(ctx));
      return { problem: problem(answer, ok), unsupported: answer.text.includes(UNSUPPORTED) };
    },
  };
}

/** The client's (a, A) pairs, made once and taken in turn: the server does not see that they repeat. */
const KEY_PAIRS = Array.from({ length: 64 }, clientKeyPair);
let keyPairIndex = 0;

/**
 * USER_SRP_AUTH as the SDKs run it: InitiateAuth with SRP_A, then RespondToAuthChallenge PASSWORD_VERIFIER
 * with the signed claim. One operation = both requests; it succeeds only when tokens come back.
 */
const srpSignIn = {
  name: 'SRP sign-in (USER_SRP_AUTH)',
  limit: 'srpSignIn',
  run: async (pool, ctx) => {
    const keyPair = KEY_PAIRS[keyPairIndex++ % KEY_PAIRS.length];
    const USERNAME = ctx.confirmedUser();
    const first = await post(pool, 'InitiateAuth', {
      ClientId: ctx.clientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME, SRP_A: keyPair.A.toString(16) },
    });
    if (first.status !== 200) return { problem: problem(first, status200), unsupported: first.text.includes(UNSUPPORTED) };
    const challenge = JSON.parse(first.text);
    if (challenge.ChallengeName !== 'PASSWORD_VERIFIER') return { problem: `200 ${first.text}` };
    const second = await post(pool, 'RespondToAuthChallenge', {
      ClientId: ctx.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ...(challenge.Session === undefined ? {} : { Session: challenge.Session }),
      ChallengeResponses: passwordVerifierResponses({ poolId: ctx.poolId, password: PASSWORD, keyPair, challenge: challenge.ChallengeParameters }),
    });
    return { problem: problem(second, withTokens) };
  },
};

/** Also sent to the bare node:http + SQLite lookup limit, with the same bodies. */
export const adminGetUser = single('AdminGetUser', 'AdminGetUser', 'http', (ctx) => ({ UserPoolId: ctx.poolId, Username: ctx.anyUser() }));
const setPermanent = single('AdminSetUserPassword (permanent)', 'AdminSetUserPassword', 'passwordSet', (ctx) => ({
  UserPoolId: ctx.poolId,
  Username: ctx.confirmedUser(),
  Password: PASSWORD,
  Permanent: true,
}));
const setTemporary = single('AdminSetUserPassword (temporary)', 'AdminSetUserPassword', 'passwordSet', (ctx) => ({
  UserPoolId: ctx.poolId,
  Username: ctx.temporaryUser(),
  Password: PASSWORD,
  Permanent: false,
}));
const passwordSignIn = single(
  'InitiateAuth USER_PASSWORD_AUTH',
  'InitiateAuth',
  'passwordVerify',
  (ctx) => ({ ClientId: ctx.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: ctx.confirmedUser(), PASSWORD } }),
  withTokens,
);
const adminCreateUser = single('AdminCreateUser', 'AdminCreateUser', 'passwordSet', (ctx) => {
  const name = ctx.newUser();
  return {
    UserPoolId: ctx.poolId,
    Username: name,
    TemporaryPassword: PASSWORD,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: emailOf(name) }, { Name: 'email_verified', Value: 'true' }],
  };
});
const listUsersByPrefix = single(
  'ListUsers email ^= "u00012"',
  'ListUsers',
  'http',
  (ctx) => ({ UserPoolId: ctx.poolId, Filter: 'email ^= "u00012"' }),
  (answer) => answer.status === 200 && answer.text.includes('"Users"'),
);

/** Measured at every pool size, on Cognate and on cognito-local. */
export const OPERATIONS = [adminGetUser, setPermanent, setTemporary, passwordSignIn, srpSignIn, adminCreateUser, listUsersByPrefix];

/** Measured on PostgreSQL, one instance against two. */
export const SCALE_OUT_OPERATIONS = [adminGetUser, setPermanent, passwordSignIn, adminCreateUser];

/** Which users the operations pick: any of the pool's n, the working set's two halves, or a new name. */
export function requestContext(label, n, poolId, clientId, workingSet) {
  let created = 0;
  const random = (items) => items[Math.floor(Math.random() * items.length)];
  return {
    poolId,
    clientId,
    anyUser: () => username(Math.floor(Math.random() * n)),
    confirmedUser: () => random(workingSet.confirmed),
    temporaryUser: () => random(workingSet.temporary),
    newUser: () => `new-${label}-${process.pid}-${created++}`,
  };
}
