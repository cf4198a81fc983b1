import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { freshPostgresDatabase, type FreshPostgresDatabase } from "../../../test/helpers/postgres.js";
import { auditContract } from "../contract/audit.contract.js";
import { authorizationCodesContract } from "../contract/authorizationCodes.contract.js";
import { clientsContract } from "../contract/clients.contract.js";
import { codesContract, sampleCode } from "../contract/codes.contract.js";
import { domainsContract } from "../contract/domains.contract.js";
import { groupsContract } from "../contract/groups.contract.js";
import { logDeliveryContract } from "../contract/logDelivery.contract.js";
import { replicasContract } from "../contract/replicas.contract.js";
import { authEventsContract } from "../contract/authEvents.contract.js";
import { riskConfigurationsContract } from "../contract/riskConfigurations.contract.js";
import { samlCertificatesContract } from "../contract/samlCertificates.contract.js";
import { keysContract, sampleKey } from "../contract/keys.contract.js";
import { outboxContract } from "../contract/outbox.contract.js";
import { msAfterT0, rateLimitsContract, uniqueBucket } from "../contract/rateLimits.contract.js";
import { refreshTokensContract } from "../contract/refreshTokens.contract.js";
import { resourceServersContract } from "../contract/resourceServers.contract.js";
import { identityProvidersContract } from "../contract/identityProviders.contract.js";
import { minutesAfterT0, revocationsContract } from "../contract/revocations.contract.js";
import { secretsContract } from "../contract/secrets.contract.js";
import { createPool, sampleUser } from "../contract/fixtures.js";
import { sampleSession, sessionsContract } from "../contract/sessions.contract.js";
import { signInFailuresContract } from "../contract/signInFailures.contract.js";
import { storeContract } from "../contract/store.contract.js";
import { sweepContract } from "../contract/sweep.contract.js";
import { termsContract } from "../contract/terms.contract.js";
import { userImportJobsContract } from "../contract/userImportJobs.contract.js";
import { brandingContract } from "../contract/branding.contract.js";
import { webAuthnCredentialsContract } from "../contract/webAuthnCredentials.contract.js";
import { devicesContract } from "../contract/devices.contract.js";
import { federatedLinksContract } from "../contract/federatedLinks.contract.js";
import { usersContract } from "../contract/users.contract.js";
import type { Store } from "../../domain/ports/store.js";
import { openPostgresStore } from "./index.js";

// Without COGNATE_TEST_POSTGRES_URL, freshPostgresDatabase throws and every test here fails: never skipped.
describe("PostgreSQL store", () => {
  let database: FreshPostgresDatabase | undefined;
  before(async () => {
    database = await freshPostgresDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  const openTestDatabase = () => {
    if (database === undefined) throw new Error("the test database was not created");
    return openPostgresStore(database.url);
  };
  storeContract("postgres", openTestDatabase);
  clientsContract("postgres", openTestDatabase);
  usersContract("postgres", openTestDatabase);
  groupsContract("postgres", openTestDatabase);
  domainsContract("postgres", openTestDatabase);
  resourceServersContract("postgres", openTestDatabase);
  identityProvidersContract("postgres", openTestDatabase);
  authorizationCodesContract("postgres", openTestDatabase);
  outboxContract("postgres", openTestDatabase);
  signInFailuresContract("postgres", openTestDatabase);
  sessionsContract("postgres", openTestDatabase);
  keysContract("postgres", openTestDatabase);
  refreshTokensContract("postgres", openTestDatabase);
  codesContract("postgres", openTestDatabase);
  revocationsContract("postgres", openTestDatabase);
  rateLimitsContract("postgres", openTestDatabase);
  auditContract("postgres", openTestDatabase);
  sweepContract("postgres", openTestDatabase);
  termsContract("postgres", openTestDatabase);
  userImportJobsContract("postgres", openTestDatabase);
  brandingContract("postgres", openTestDatabase);
  webAuthnCredentialsContract("postgres", openTestDatabase);
  devicesContract("postgres", openTestDatabase);
  federatedLinksContract("postgres", openTestDatabase);
  logDeliveryContract("postgres", openTestDatabase);
  riskConfigurationsContract("postgres", openTestDatabase);
  replicasContract("postgres", openTestDatabase);
  authEventsContract("postgres", openTestDatabase);
  samlCertificatesContract("postgres", openTestDatabase);
  secretsContract("postgres", async () => {
    const fresh = await freshPostgresDatabase();
    return { db: fresh.url, drop: fresh.drop };
  });

  /** Opens four instances on the test database, as four Cognate processes behind a load balancer would. */
  async function withFourInstances(fn: (instances: Store[]) => Promise<void>): Promise<void> {
    const instances = await Promise.all([1, 2, 3, 4].map(() => openTestDatabase()));
    try {
      await fn(instances);
    } finally {
      await Promise.all(instances.map((store) => store.close()));
    }
  }

  test("20 concurrent sign-in failures across four instances all count", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const user = sampleUser(await createPool(first));
      await first.users.create(user);
      const at = new Date("2024-07-01T12:00:00.000Z");
      const results = await Promise.all(
        instances.flatMap((store) => [1, 2, 3, 4, 5].map(() => store.users.recordSignInFailure(user.poolId, user.username, at, new Date(0)))),
      );
      assert.deepEqual(
        results.map((result) => result.count).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      for (const store of instances) assert.equal((await store.users.signInFailures(user.poolId, user.username))?.count, 20);
    }));

  test("of 10 concurrent deletes of one session across four instances exactly one returns true", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const session = sampleSession(await createPool(first));
      await first.sessions.create(session);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (instances[i % instances.length] as Store).sessions.delete(session.id)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    }));

  test("four instances sweeping one backlog at once delete each expired session once, and only the expired ones", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const poolId = await createPool(first);
      // An instant no other test uses: the sweep before it sees this test's sessions only.
      const before = new Date("1969-01-01T00:00:00.000Z");
      const expired = Array.from({ length: 60 }, (_, i) => sampleSession(poolId, { expiresAt: new Date(before.getTime() - 1 - i) }));
      const live = sampleSession(poolId, { expiresAt: before });
      for (const session of [...expired, live]) await first.sessions.create(session);
      const sweepUntilDone = async (store: Store) => {
        let deleted = 0;
        for (let batch = await store.sessions.deleteExpired(before, 7); batch > 0; batch = await store.sessions.deleteExpired(before, 7)) deleted += batch;
        return deleted;
      };
      const deleted = await Promise.all(instances.map(sweepUntilDone));
      assert.equal(deleted.reduce((sum, count) => sum + count, 0), expired.length);
      assert.deepEqual(await first.sessions.get(live.id), live);
    }));

  test("10 concurrent failed code attempts across four instances all count", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const user = sampleUser(await createPool(first));
      await first.users.create(user);
      const code = sampleCode(user);
      await first.codes.put(code);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (instances[i % instances.length] as Store).codes.recordFailedAttempt(code.poolId, code.username, code.purpose),
        ),
      );
      assert.deepEqual(
        results.sort((a, b) => a - b),
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
      for (const store of instances) assert.equal((await store.codes.get(code.poolId, code.username, code.purpose))?.failedAttempts, 10);
    }));

  test("of 10 concurrent deletes of one code across four instances exactly one returns true", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const user = sampleUser(await createPool(first));
      await first.users.create(user);
      const code = sampleCode(user);
      await first.codes.put(code);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (instances[i % instances.length] as Store).codes.delete(code.poolId, code.username, code.purpose)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    }));

  test("10 concurrent sign-outs of one user across four instances keep the latest time", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const user = sampleUser(await createPool(first));
      await first.users.create(user);
      const offsets = [3, 7, 1, 9, 12, 4, 2, 8, 6, 5];
      await Promise.all(
        offsets.map((n, i) => (instances[i % instances.length] as Store).revocations.signOutUser(user.poolId, user.username, minutesAfterT0(n))),
      );
      for (const store of instances) assert.deepEqual(await store.revocations.signedOutAt(user.poolId, user.username), minutesAfterT0(12));
    }));

  test("10 concurrent revocations of one origin across four instances all succeed", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const poolId = await createPool(first);
      const originJti = "origin-revoked-by-four-instances";
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (instances[i % instances.length] as Store).revocations.revokeOrigin(poolId, originJti, minutesAfterT0(60 + i)),
        ),
      );
      for (const store of instances) assert.equal(await store.revocations.isOriginRevoked(poolId, originJti), true);
    }));

  test("of 10 concurrent first keys of a use across four instances exactly one is added", () =>
    withFourInstances(async (instances) => {
      const [first] = instances as [Store];
      const poolId = await createPool(first);
      const candidates = Array.from({ length: 10 }, () => sampleKey(poolId, "id"));
      const results = await Promise.all(
        candidates.map((key, i) => (instances[i % instances.length] as Store).keys.addIfNoActive(key)),
      );
      assert.equal(results.filter(Boolean).length, 1);
      assert.deepEqual(await first.keys.list(poolId), [candidates[results.indexOf(true)]]);
    }));

  test("of 40 concurrent takes across four instances on a bucket of capacity 10 exactly 10 get a token", () =>
    withFourInstances(async (instances) => {
      const bucket = uniqueBucket();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (instances[i % instances.length] as Store).rateLimits.take(bucket, 1, 10, msAfterT0(0))),
      );
      assert.equal(results.filter(Boolean).length, 10);
      for (const store of instances) assert.equal(await store.rateLimits.take(bucket, 1, 10, msAfterT0(0)), false);
    }));

  test("revoking an origin again keeps the later of the two expiries", async () => {
    const store = await openTestDatabase();
    const raw = new pg.Client({ connectionString: database?.url });
    await raw.connect();
    try {
      const poolId = await createPool(store);
      await store.revocations.revokeOrigin(poolId, "shortened", minutesAfterT0(60));
      await store.revocations.revokeOrigin(poolId, "shortened", minutesAfterT0(30));
      await store.revocations.revokeOrigin(poolId, "extended", minutesAfterT0(30));
      await store.revocations.revokeOrigin(poolId, "extended", minutesAfterT0(60));
      const { rows } = await raw.query(
        "select origin_jti, expires_at::text as expires_at from revoked_origins where pool_id = $1 order by origin_jti",
        [poolId],
      );
      assert.deepEqual(rows, [
        { origin_jti: "extended", expires_at: String(minutesAfterT0(60).getTime()) },
        { origin_jti: "shortened", expires_at: String(minutesAfterT0(60).getTime()) },
      ]);
    } finally {
      await raw.end();
      await store.close();
    }
  });

  test("four instances starting at once on a new database all migrate it and share one clock", async () => {
    const fresh = await freshPostgresDatabase();
    const opened: Store[] = [];
    try {
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => openPostgresStore(fresh.url)));
      for (const result of results) if (result.status === "fulfilled") opened.push(result.value);
      assert.deepEqual(
        results.map((result) => result.status),
        ["fulfilled", "fulfilled", "fulfilled", "fulfilled"],
      );
      // Five concurrent advances from each instance: the shared offset loses none of the 20.
      await Promise.all(opened.flatMap((store) => [1, 2, 3, 4, 5].map(() => store.settings.advanceClock(1))));
      for (const store of opened) assert.equal(await store.settings.clockOffsetSeconds(), 20);
    } finally {
      await Promise.all(opened.map((store) => store.close()));
      await fresh.drop();
    }
  });
});
