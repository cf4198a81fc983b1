import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUsersCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";

const PASSWORD = "Perm4nent!Pass";
const ADMIN = { accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: "a-long-random-secret-for-tests" };

interface Outcomes {
  succeeded: number;
  /** Every failure, as `<error name>: <message>`. */
  failures: string[];
  /** HTTP statuses of the failures. */
  statuses: number[];
}

/** Sends every call at once, so that they all reach the bucket within a few milliseconds. */
async function concurrently(calls: Array<() => Promise<unknown>>): Promise<Outcomes> {
  const results = await Promise.allSettled(calls.map((call) => call()));
  const outcomes: Outcomes = { succeeded: 0, failures: [], statuses: [] };
  for (const result of results) {
    if (result.status === "fulfilled") {
      outcomes.succeeded += 1;
    } else {
      const error = result.reason as Error & { $metadata?: { httpStatusCode?: number } };
      outcomes.failures.push(`${error.name}: ${error.message}`);
      outcomes.statuses.push(error.$metadata?.httpStatusCode ?? 0);
    }
  }
  return outcomes;
}

const THROTTLED = "TooManyRequestsException: Rate exceeded";
const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

async function poolWithUser(cognito: CognitoIdentityProviderClient, username: string): Promise<string> {
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `throttling-${username}` }));
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: UserPool!.Id!, Username: username, MessageAction: "SUPPRESS" }));
  return UserPool!.Id!;
}

const setPassword = (cognito: CognitoIdentityProviderClient, poolId: string, username: string) => () =>
  cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));

for (const backend of backends) {
  describe(`throttling in dev mode with COGNATE_RATE_LIMITS (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend, env: { COGNATE_RATE_LIMITS: '{"UserAccountRecovery": 2, "UserList": 1}' } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("at 2 per second the third AdminSetUserPassword is refused with Rate exceeded (HTTP 400), AdminGetUser still works", async () => {
      const poolId = await poolWithUser(cognito, "ada");
      const outcomes = await concurrently(times(3, setPassword(cognito, poolId, "ada")));
      assert.deepEqual(outcomes, { succeeded: 2, failures: [THROTTLED], statuses: [400] });
      await rejectsWith(setPassword(cognito, poolId, "ada")(), TooManyRequestsException, "Rate exceeded");
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
      assert.equal(user.UserStatus, "CONFIRMED");
    });

    test("a second later the bucket has refilled", async () => {
      const poolId = await poolWithUser(cognito, "grace");
      // The bucket holds at most 2: of 4 simultaneous calls at least 2 are refused.
      const emptied = await concurrently(times(4, setPassword(cognito, poolId, "grace")));
      assert.ok(emptied.failures.length >= 2 && emptied.failures.every((failure) => failure === THROTTLED), emptied.failures.join());
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await setPassword(cognito, poolId, "grace")();
    });

    test("the limit is per region: a request to another region has its own bucket", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "throttling-regions" }));
      await cognito.send(new ListUsersCommand({ UserPoolId: UserPool!.Id! }));
      await rejectsWith(cognito.send(new ListUsersCommand({ UserPoolId: UserPool!.Id! })), TooManyRequestsException, "Rate exceeded");
      // Not throttled: the pool lookup answers, because eu-west-1's bucket is full.
      await rejectsWith(
        cognate.client({ region: "eu-west-1" }).send(new ListUsersCommand({ UserPoolId: "eu-west-1_NoSuchPool" })),
        ResourceNotFoundException,
        "User pool eu-west-1_NoSuchPool does not exist.",
      );
    });
  });

  describe(`throttling is off by default in dev mode (${backend})`, () => {
    let cognate: RunningCognate;
    before(async () => {
      cognate = await startCognate({ backend });
    });
    after(() => cognate.close());

    test("50 simultaneous DescribeUserPool calls, over AWS's 15 per second, all succeed", async () => {
      const cognito = cognate.client();
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "unthrottled" }));
      const outcomes = await concurrently(times(50, () => cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))));
      assert.deepEqual(outcomes, { succeeded: 50, failures: [], statuses: [] });
    });
  });

  describe(`throttling in secure mode: AWS defaults, overridden by COGNATE_RATE_LIMITS (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "cognate-throttling-"));
      const file = join(dir, "credentials.json");
      writeFileSync(file, JSON.stringify({ credentials: [{ name: "admin", ...ADMIN }] }));
      cognate = await startCognate({ backend, env: { COGNATE_CREDENTIALS: file, COGNATE_RATE_LIMITS: '{"UserAccountRecovery": 2}' } });
      cognito = cognate.client(ADMIN);
    });
    after(async () => {
      await cognate.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test("the configured category uses the configured rate", async () => {
      const poolId = await poolWithUser(cognito, "alan");
      const outcomes = await concurrently(times(3, setPassword(cognito, poolId, "alan")));
      assert.deepEqual(outcomes, { succeeded: 2, failures: [THROTTLED], statuses: [400] });
    });

    test("UserPoolRead keeps AWS's 15 per second: 40 simultaneous DescribeUserPool calls are partly refused", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "defaults" }));
      const outcomes = await concurrently(times(40, () => cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id! }))));
      // The bucket holds 15 and refills 15 per second while the calls arrive.
      assert.ok(outcomes.succeeded >= 15 && outcomes.succeeded < 40, `${outcomes.succeeded} succeeded`);
      assert.deepEqual(new Set(outcomes.failures), new Set([THROTTLED]));
    });

    test("UserRead keeps AWS's 120 per second: 20 simultaneous AdminGetUser calls all succeed", async () => {
      const poolId = await poolWithUser(cognito, "edsger");
      const outcomes = await concurrently(times(20, () => cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "edsger" }))));
      assert.deepEqual(outcomes, { succeeded: 20, failures: [], statuses: [] });
    });
  });

  describe(`two instances on one ${backend} database share the buckets`, () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let a: RunningCognate;
    let b: RunningCognate;
    before(async () => {
      database = await freshDatabase(backend);
      const env = { COGNATE_RATE_LIMITS: '{"UserAccountRecovery": 2}' };
      a = await startCognate({ db: database.db, env });
      b = await startCognate({ db: database.db, env });
    });
    after(async () => {
      await a.close();
      await b.close();
      await database.cleanup();
    });

    test("two calls on each instance at 2 per second: two of the four are refused", async () => {
      const poolId = await poolWithUser(a.client(), "barbara");
      const [cognitoA, cognitoB] = [a.client(), b.client()];
      const outcomes = await concurrently([
        setPassword(cognitoA, poolId, "barbara"),
        setPassword(cognitoB, poolId, "barbara"),
        setPassword(cognitoA, poolId, "barbara"),
        setPassword(cognitoB, poolId, "barbara"),
      ]);
      assert.deepEqual(outcomes, { succeeded: 2, failures: [THROTTLED, THROTTLED], statuses: [400, 400] });
    });
  });
}
