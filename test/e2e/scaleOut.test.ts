import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  TooManyRequestsException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { rejectsWith } from "../helpers/assertions.js";
import { freshDatabase, secureModeEnv } from "../helpers/cognate.js";
import { cognitoClientFor, serveCognate, type ServingProcess } from "../helpers/process.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

/*
 * Scale-out on PostgreSQL: two `cognate serve` processes (separate OS processes, nothing shared but the
 * database) behind one public URL, as behind a load balancer. Each describe has its own database, so the
 * shared clock moved by the lockout test and the buckets emptied by the throttling test touch nothing else.
 */

/** The address clients and token verifiers use, as a load balancer in front of both processes would have. */
const PUBLIC_URL = "http://cognito.scale-out.test";
const WRONG_PASSWORD = "Incorrect username or password.";
const LOCKED = "Password attempts exceeded";
const THROTTLED = "Rate exceeded";
/** Time for a process to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

interface Instance {
  process: ServingProcess;
  cognito: CognitoIdentityProviderClient;
}

interface Pair {
  a: Instance;
  b: Instance;
  stop(): Promise<void>;
}

/** Starts both processes at once on a fresh PostgreSQL database: both apply the migrations concurrently. */
async function startPair(env: NodeJS.ProcessEnv): Promise<Pair> {
  const database = await freshDatabase("postgres");
  const args = ["--public-url", PUBLIC_URL];
  const serve = () => serveCognate(args, { ...env, COGNATE_DB: database.db });
  const started = await Promise.allSettled([serve(), serve()]);
  const processes = started.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  const instances = processes.map((served) => ({ process: served, cognito: cognitoClientFor(served.address) }));
  const stop = async () => {
    for (const { cognito } of instances) cognito.destroy();
    await Promise.all(processes.map(stopProcess));
    await database.cleanup();
  };
  const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failed !== undefined) {
    await stop();
    throw failed.reason;
  }
  return { a: instances[0]!, b: instances[1]!, stop };
}

/** SIGTERM, then SIGKILL should the process not have exited within the grace period. */
async function stopProcess(served: ServingProcess): Promise<void> {
  const exited = served.stop("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<"too slow">((resolve) => (timer = setTimeout(() => resolve("too slow"), STOP_GRACE_MS)));
  const outcome = await Promise.race([exited, tooSlow]);
  clearTimeout(timer);
  if (outcome === "too slow") await served.stop("SIGKILL");
}

/** A pool made on `poolMaker`, with an app client allowing the password and refresh flows made on `clientMaker`. */
async function poolAndClient(poolMaker: Instance, clientMaker: Instance): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await poolMaker.cognito.send(new CreateUserPoolCommand({ PoolName: "scale-out" }));
  const { UserPoolClient } = await clientMaker.cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: "app",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }),
  );
  return { poolId: UserPool!.Id!, clientId: UserPoolClient!.ClientId! };
}

const createUser = (on: Instance, poolId: string, username: string) =>
  on.cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: "SUPPRESS" }));

const setPassword = (on: Instance, poolId: string, username: string, password: string, permanent: boolean) =>
  on.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: permanent }));

const signIn = (on: Instance, clientId: string, username: string, password: string) =>
  on.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );

const refresh = (on: Instance, clientId: string, refreshToken: string) =>
  on.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: refreshToken } }));

async function jwksOf(on: Instance, poolId: string): Promise<JSONWebKeySet> {
  const response = await fetch(`${on.process.address}/${poolId}/.well-known/jwks.json`);
  assert.equal(response.status, 200);
  return (await response.json()) as JSONWebKeySet;
}

/** Moves the clock both processes read (an offset in the database) forward, through one instance's control API. */
async function advanceClock(on: Instance, seconds: number): Promise<void> {
  const response = await fetch(`${on.process.address}/_cognate/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  assert.equal(response.status, 200, await response.text());
}

describe("scale-out: two cognate processes on one PostgreSQL database", () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({});
  });
  after(() => pair?.stop());

  test("a user created on A gets a temporary password on B, signs in on A, answers the challenge on B, and the tokens verify against either instance's JWKS", async () => {
    const { a, b } = pair;
    const { poolId, clientId } = await poolAndClient(a, b);
    // The pool's signing keys are made on first need: both instances asking at once must still agree on them.
    const [jwksA, jwksB] = await Promise.all([jwksOf(a, poolId), jwksOf(b, poolId)]);
    assert.equal(jwksA.keys.length, 2);
    assert.deepEqual(jwksB, jwksA);

    await createUser(a, poolId, "ada");
    await setPassword(b, poolId, "ada", TEMPORARY_PASSWORD, false);
    const started = await signIn(a, clientId, "ada", TEMPORARY_PASSWORD);
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const answered = await b.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: started.Session!,
        ChallengeResponses: { USERNAME: "ada", NEW_PASSWORD: PASSWORD },
      }),
    );
    const tokens = answered.AuthenticationResult!;
    assert.ok(tokens.RefreshToken);

    const issuer = `${PUBLIC_URL}/${poolId}`;
    for (const instance of [a, b]) {
      const keys = createLocalJWKSet(await jwksOf(instance, poolId));
      const id = await jwtVerify(tokens.IdToken!, keys, { issuer, audience: clientId, algorithms: ["RS256"] });
      assert.equal(id.payload.token_use, "id");
      assert.equal(id.payload["cognito:username"], "ada");
      const access = await jwtVerify(tokens.AccessToken!, keys, { issuer, algorithms: ["RS256"] });
      assert.equal(access.payload.token_use, "access");
      assert.equal(access.payload.client_id, clientId);
      assert.equal(access.payload.username, "ada");
    }
    const user = await a.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
    assert.equal(user.UserStatus, "CONFIRMED");
  });

  test("a refresh token issued on A refreshes on B and on A; a permanent password set on B is the one A accepts", async () => {
    const { a, b } = pair;
    const { poolId, clientId } = await poolAndClient(b, a);
    await createUser(b, poolId, "grace");
    await setPassword(a, poolId, "grace", PASSWORD, true);
    const signedIn = await signIn(a, clientId, "grace", PASSWORD);
    const refreshToken = signedIn.AuthenticationResult!.RefreshToken!;
    const sub = claimsOf(signedIn.AuthenticationResult!.AccessToken!).sub;
    for (const instance of [b, a]) {
      const refreshed = await refresh(instance, clientId, refreshToken);
      const claims = claimsOf(refreshed.AuthenticationResult!.AccessToken!);
      assert.deepEqual([claims.token_use, claims.username, claims.sub], ["access", "grace", sub]);
      assert.equal(claimsOf(refreshed.AuthenticationResult!.IdToken!)["cognito:username"], "grace");
    }

    await setPassword(b, poolId, "grace", OTHER_PASSWORD, true);
    await rejectsWith(signIn(a, clientId, "grace", PASSWORD), NotAuthorizedException, WRONG_PASSWORD);
    const withNewPassword = await signIn(a, clientId, "grace", OTHER_PASSWORD);
    assert.equal(claimsOf(withNewPassword.AuthenticationResult!.AccessToken!).username, "grace");
  });
});

describe("scale-out: lockout counts failed sign-ins across both processes", () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({});
  });
  after(() => pair?.stop());

  test("wrong passwords alternated between A and B build one count: the lock it reaches refuses the right password on both", async () => {
    const { a, b } = pair;
    const { poolId, clientId } = await poolAndClient(a, b);
    await createUser(a, poolId, "alan");
    await setPassword(b, poolId, "alan", PASSWORD, true);
    const alternately = (n: number) => (n % 2 === 1 ? a : b);

    // Failures 1–5 (three on A, two on B) reach Cognito's first lock, of one second.
    const failOn = (instance: Instance) =>
      rejectsWith(signIn(instance, clientId, "alan", OTHER_PASSWORD), NotAuthorizedException, WRONG_PASSWORD);
    for (let n = 1; n <= 5; n++) await failOn(alternately(n));
    // Each further failure doubles the lock. Waiting each one out on the shared clock (a lock does not depend on
    // how fast this machine answers) takes the count to 11 — six on A, five on B — and the lock to 64 seconds.
    for (let n = 6; n <= 11; n++) {
      await advanceClock(alternately(n + 1), 2 ** (n - 6) + 0.5);
      await failOn(alternately(n));
    }
    // Counted apart, A's six failures would lock for 2 s and B's five for 1 s: both would be over after 8 s.
    await advanceClock(b, 8);
    for (const instance of [a, b]) {
      await rejectsWith(signIn(instance, clientId, "alan", PASSWORD), NotAuthorizedException, LOCKED);
      await rejectsWith(signIn(instance, clientId, "alan", OTHER_PASSWORD), NotAuthorizedException, LOCKED);
    }
    // The lock lifts on the shared clock alike for both.
    await advanceClock(a, 60);
    for (const instance of [a, b]) assert.ok((await signIn(instance, clientId, "alan", PASSWORD)).AuthenticationResult?.AccessToken);
  });
});

describe("scale-out: throttling buckets are shared by both processes (secure mode, SigV4)", () => {
  /** One AdminGetUser (UserRead) per ten minutes: the bucket holds one request, and none comes back during a test. */
  const USER_READ_RATE = 1 / 600;
  let credentialsDir: string;
  let pair: Pair;
  before(async () => {
    const env = secureModeEnv();
    credentialsDir = dirname(env.COGNATE_CREDENTIALS!);
    const rates = JSON.parse(env.COGNATE_RATE_LIMITS!) as Record<string, number>;
    pair = await startPair({ ...env, COGNATE_RATE_LIMITS: JSON.stringify({ ...rates, UserRead: USER_READ_RATE }) });
  });
  after(async () => {
    await pair?.stop();
    rmSync(credentialsDir, { recursive: true, force: true });
  });

  test("a request on A and one on B exceed a limit of one together, though each alone is within it: the second is refused with Rate exceeded", async () => {
    const { a, b } = pair;
    const { poolId } = await poolAndClient(a, b);
    await createUser(a, poolId, "barbara");
    const getUser = (on: Instance) => on.cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "barbara" }));

    // B has made no UserRead request yet; A's one empties the bucket they share.
    assert.equal((await getUser(a)).Username, "barbara");
    await rejectsWith(getUser(b), TooManyRequestsException, THROTTLED);
    await rejectsWith(getUser(a), TooManyRequestsException, THROTTLED);
    // Only that category's bucket is empty: B answers a ListUsers (UserList) as usual.
    const listed = await b.cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
    assert.deepEqual(listed.Users?.map((user) => user.Username), ["barbara"]);
  });
});
