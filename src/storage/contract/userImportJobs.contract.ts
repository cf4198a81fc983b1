import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { StorageConflictError } from "../../domain/ports/errors.js";
import { progressOf } from "../../domain/userImport/jobs.js";
import type { UserImportJobRecord } from "../../domain/userImport/types.js";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

/** A lease no test's clock reaches: jobs of the other tests never show up in the claim test (one database may serve them all). */
const HELD = { leaseOwner: "held", leaseUntil: new Date("9999-01-01T00:00:00.000Z") };

let jobs = 0;
function sampleJob(poolId: string, overrides: Partial<UserImportJobRecord> = {}): UserImportJobRecord {
  jobs += 1;
  return {
    poolId,
    jobId: `import-${randomUUID().replace(/-/g, "").slice(0, 10)}`,
    jobName: `job ${jobs}`,
    cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/Import",
    passwordHashingAlgorithm: "BCRYPT",
    uploadToken: randomUUID(),
    status: "Created",
    createdAt: new Date("2024-05-01T00:00:00.001Z"),
    uploaded: false,
    importedUsers: 0,
    skippedUsers: 0,
    failedUsers: 0,
    rowsDone: 0,
    ...overrides,
  };
}

/** The behaviour of Store.userImportJobs on every backend. */
export function userImportJobsContract(name: string, open: OpenStore): void {
  describe(`UserImportJobStore contract: ${name}`, () => {
    test("a created job reads back unchanged, only within its pool; its id is unique", () =>
      withStore(open, async (store) => {
        const job = sampleJob(await createPool(store));
        await store.userImportJobs.create(job);
        assert.deepEqual(await store.userImportJobs.get(job.poolId, job.jobId), job);
        assert.equal(await store.userImportJobs.get(await createPool(store), job.jobId), undefined);
        await assert.rejects(store.userImportJobs.create(job), StorageConflictError);
      }));

    test("a file is kept while the job is Created, replacing the one before, and never afterwards", () =>
      withStore(open, async (store) => {
        const job = sampleJob(await createPool(store));
        await store.userImportJobs.create(job);
        assert.equal(await store.userImportJobs.file(job.poolId, job.jobId), undefined);
        assert.equal(await store.userImportJobs.upload(job.poolId, job.jobId, "first"), true);
        assert.equal(await store.userImportJobs.upload(job.poolId, job.jobId, "cognito:username\nada\n"), true);
        assert.equal(await store.userImportJobs.file(job.poolId, job.jobId), "cognito:username\nada\n");
        assert.equal((await store.userImportJobs.get(job.poolId, job.jobId))?.uploaded, true);
        const pending = { ...progressOf(job), status: "Pending" as const, startedAt: new Date("2024-05-01T00:01:00.000Z"), ...HELD };
        assert.equal(await store.userImportJobs.update(job.poolId, job.jobId, { statuses: ["Created"] }, pending), true);
        assert.equal(await store.userImportJobs.upload(job.poolId, job.jobId, "late"), false);
        assert.equal(await store.userImportJobs.file(job.poolId, job.jobId), "cognito:username\nada\n");
        assert.equal(await store.userImportJobs.upload("us-east-1_nothere00", job.jobId, "x"), false);
      }));

    test("update writes only from an expected status and, when named, the lease owner's job", () =>
      withStore(open, async (store) => {
        const job = sampleJob(await createPool(store), { status: "InProgress", leaseOwner: "a", leaseUntil: HELD.leaseUntil });
        await store.userImportJobs.create(job);
        const changed = { ...job, importedUsers: 5, rowsDone: 7, failedUsers: 2 };
        const progress = progressOf(changed);
        assert.equal(await store.userImportJobs.update(job.poolId, job.jobId, { statuses: ["Pending"] }, progress), false);
        assert.equal(await store.userImportJobs.update(job.poolId, job.jobId, { statuses: ["InProgress"], leaseOwner: "b" }, progress), false);
        assert.equal(await store.userImportJobs.update(job.poolId, job.jobId, { statuses: ["InProgress"], leaseOwner: "a" }, progress), true);
        assert.deepEqual(await store.userImportJobs.get(job.poolId, job.jobId), changed);
      }));

    test("claim gives the oldest job to run whose lease is free or ended, to one owner at a time", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const now = new Date("2024-05-02T00:00:00.000Z");
        const later = new Date(now.getTime() + 30_000);
        const created = sampleJob(poolId);
        const pending = sampleJob(poolId, { status: "Pending" });
        const leased = sampleJob(poolId, { status: "InProgress", leaseOwner: "other", leaseUntil: later });
        const abandoned = sampleJob(poolId, { status: "InProgress", leaseOwner: "crashed", leaseUntil: now });
        for (const job of [created, pending, leased, abandoned]) await store.userImportJobs.create(job);
        const claimed = [await store.userImportJobs.claim("me", now, later), await store.userImportJobs.claim("you", now, later)];
        assert.deepEqual(claimed.map((job) => job?.jobId), [pending.jobId, abandoned.jobId]);
        assert.deepEqual(claimed.map((job) => job?.leaseOwner), ["me", "you"]);
        assert.equal(await store.userImportJobs.claim("third", now, later), undefined);
        assert.equal((await store.userImportJobs.get(poolId, pending.jobId))?.leaseOwner, "me");
        // The claimed jobs are left held, for the other tests' sake.
        for (const job of claimed) await store.userImportJobs.update(poolId, job!.jobId, { statuses: [job!.status] }, { ...progressOf(job!), ...HELD });
      }));

    test("list pages a pool's jobs in creation order; deleting the pool removes them", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        await createUser(store, poolId);
        const created = [sampleJob(poolId), sampleJob(poolId), sampleJob(poolId)];
        for (const job of created) await store.userImportJobs.create(job);
        const first = await store.userImportJobs.list(poolId, { limit: 2 });
        assert.deepEqual(first.items.map((job) => job.jobId), created.slice(0, 2).map((job) => job.jobId));
        const second = await store.userImportJobs.list(poolId, { limit: 2, after: first.nextAfter! });
        assert.deepEqual(second.items.map((job) => job.jobId), [created[2]!.jobId]);
        assert.equal(second.nextAfter, undefined);
        await store.pools.delete(poolId);
        assert.equal(await store.userImportJobs.get(poolId, created[0]!.jobId), undefined);
      }));
  });
}
