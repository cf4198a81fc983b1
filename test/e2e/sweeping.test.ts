import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase } from "../helpers/cognate.js";
import { cognitoClientFor, runCognate, serveCognate } from "../helpers/process.js";
import { openSqlDatabase } from "../../src/storage/open.js";

const PASSWORD = "Correct-Horse1";
const DAY = 24 * 3600;
/** Past every expiry the seed makes: refresh tokens (30 days) and their week of grace, codes, sessions, one day of audit. */
const PAST_EVERY_EXPIRY = 40 * DAY;
/** Every category limited, so that sign-ins fill throttling buckets. */
const RATE_LIMITS = JSON.stringify({ UserAuthentication: 1000, UserCreation: 1000, UserPoolResourceUpdate: 1000, UserToken: 1000 });

/**
 * Rows of every kind that expires: a challenge session, a code and its message, refresh tokens (one revoked), a
 * revocation, buckets, events.
 */
async function seedExpiringRows(url: string): Promise<{ clientId: string }> {
  const cognito = cognitoClientFor(url);
  try {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "sweep", AutoVerifiedAttributes: ["email"] }));
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    );
    const clientId = UserPoolClient!.ClientId!;
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: "pending", Password: PASSWORD, UserAttributes: [{ Name: "email", Value: "p@example.com" }] }));
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "invited", TemporaryPassword: "Temporary-Pass1", MessageAction: "SUPPRESS" }));
    const signIn = (username: string, password: string) =>
      cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    await signIn("invited", "Temporary-Pass1");
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: "ada", MessageAction: "SUPPRESS" }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ada", Password: PASSWORD, Permanent: true }));
    const revoked = await signIn("ada", PASSWORD);
    await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.AuthenticationResult!.RefreshToken! }));
    await signIn("ada", PASSWORD);
    return { clientId };
  } finally {
    cognito.destroy();
  }
}

const TABLES = ["auth_sessions", "pending_codes", "refresh_tokens", "revoked_origins", "rate_limit_buckets", "audit_events", "outbox"] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function rowCounts(db: string): Promise<Counts> {
  const database = await openSqlDatabase(db);
  try {
    const counts: Partial<Counts> = {};
    for (const table of TABLES) {
      const row = await database.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
      counts[table] = Number(row.count);
    }
    return counts as Counts;
  } finally {
    await database.destroy();
  }
}

async function advanceClock(url: string, seconds: number): Promise<number> {
  const response = await fetch(`${url}/_cognate/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceSeconds: seconds }) });
  assert.equal(response.status, 200);
  return ((await response.json()) as { now: number }).now;
}

/** After the clock passed every expiry, one more sign-in: the live rows a sweep must keep. */
async function signInAfterwards(url: string, clientId: string): Promise<void> {
  const cognito = cognitoClientFor(url);
  try {
    await cognito.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ada", PASSWORD } }));
  } finally {
    cognito.destroy();
  }
}

/** A throttling bucket idle past its refill time is full, as a missing one is: none is live a few seconds later. */
const LIVE_ONLY: Counts = { auth_sessions: 0, pending_codes: 0, refresh_tokens: 1, revoked_origins: 0, rate_limit_buckets: 0, audit_events: 1, outbox: 0 };

for (const backend of backends) {
  describe(`sweeping expired rows (${backend})`, () => {
    const env = { COGNATE_RATE_LIMITS: RATE_LIMITS, COGNATE_AUDIT_RETENTION: "1" };

    test("the background sweeper, driven by the control clock, leaves every table with its live rows only", async () => {
      const database = await freshDatabase(backend);
      try {
        const serving = await serveCognate([], { ...env, COGNATE_DB: database.db, COGNATE_SWEEP_INTERVAL: "1" });
        try {
          const { clientId } = await seedExpiringRows(serving.url);
          const seeded = await rowCounts(database.db);
          for (const table of TABLES) assert.ok(seeded[table] > 0, `${table} holds rows before the sweep`);
          // Buckets count real seconds: at 1000 requests a second they are full again a second after their last use,
          // and the next sweep (every second) drops them; the rest has not expired yet and stays.
          let before = await rowCounts(database.db);
          for (let waited = 0; before.rate_limit_buckets > 0 && waited < 15_000; waited += 250) {
            await sleep(250);
            before = await rowCounts(database.db);
          }
          const { rate_limit_buckets: idleBuckets, ...unexpired } = before;
          const { rate_limit_buckets: _, ...seededUnexpired } = seeded;
          assert.equal(idleBuckets, 0, "buckets idle past their refill time are full, as missing ones are");
          assert.deepEqual(unexpired, seededUnexpired, "nothing has expired yet: the sweeper removes nothing but full buckets");

          await advanceClock(serving.url, PAST_EVERY_EXPIRY);
          await signInAfterwards(serving.url, clientId);
          let counts = await rowCounts(database.db);
          for (let waited = 0; JSON.stringify(counts) !== JSON.stringify(LIVE_ONLY) && waited < 15_000; waited += 250) {
            await sleep(250);
            counts = await rowCounts(database.db);
          }
          assert.deepEqual(counts, LIVE_ONLY);
        } finally {
          assert.equal(await serving.stop(), 0);
        }
      } finally {
        await database.cleanup();
      }
    });

    test("`cognate sweep` does the same on demand and is audited; `cognate audit --export` ships each event once", async () => {
      const database = await freshDatabase(backend);
      try {
        const serving = await serveCognate([], { ...env, COGNATE_DB: database.db, COGNATE_SWEEP_INTERVAL: "0" });
        try {
          const { clientId } = await seedExpiringRows(serving.url);
          const exported = await runCognate(["audit", "--export"], { COGNATE_DB: database.db });
          assert.equal(exported.code, 0, exported.stderr);
          const lines = exported.stdout.trim().split("\n").map((line) => JSON.parse(line) as { operation: string });
          assert.equal(lines.length, (await rowCounts(database.db)).audit_events - 1, "every event before the export's own");
          assert.ok(lines.some((event) => event.operation === "InitiateAuth"));

          await advanceClock(serving.url, PAST_EVERY_EXPIRY);
          await signInAfterwards(serving.url, clientId);
          // Buckets count real seconds: at 1000 requests a second they are full again a second after their last use.
          await sleep(2100);
          const swept = await runCognate(["sweep"], { ...env, COGNATE_DB: database.db });
          assert.equal(swept.code, 0, swept.stderr);
          assert.match(swept.stdout, /^swept [1-9]\d* expired rows \(challengeSessions 1, pendingCodes 1, refreshTokens 2, accessRevocations 1, rateLimitBuckets [1-9]\d*, auditEvents [1-9]\d*, outboxMessages 1\)\n$/);
          assert.deepEqual(await rowCounts(database.db), { ...LIVE_ONLY, audit_events: 2 }, "the sign-in's event and the sweep's own");

          const filtered = await runCognate(["audit", "--export", "--pool", "us-east-1_x"], { COGNATE_DB: database.db });
          assert.equal(filtered.code, 2, "a filtered export would mark events it skipped");
          const again = await runCognate(["audit", "--export"], { COGNATE_DB: database.db });
          const shipped = again.stdout.trim().split("\n").map((line) => JSON.parse(line) as { operation: string });
          assert.deepEqual(shipped.map((event) => event.operation), ["InitiateAuth", "cognate:Sweep"], "only what was not exported before");
        } finally {
          assert.equal(await serving.stop(), 0);
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}
