import type { Logger } from "pino";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../domain/ports/store.js";
import type { Random } from "../domain/random.js";
import { progressOf, STOPPED_MESSAGE, SUCCEEDED_MESSAGE } from "../domain/userImport/jobs.js";
import type { UserImportJobProgress, UserImportJobRecord } from "../domain/userImport/types.js";
import { ImportHeaderError, importUsers, type ImportProgress } from "../domain/users/importUsers.js";

/** How long a claim on a job holds without being renewed (each batch renews it): a crashed instance's job waits this long. */
const LEASE_MS = 30_000;
/** How often an idle runner looks for jobs other instances started or left behind. */
const POLL_MS = 15_000;
/** Users written per transaction: short transactions, so requests keep their pace while a job runs. */
const JOB_BATCH = 100;
const CHUNK_CHARS = 1 << 20;
const MAX_COMPLETION_MESSAGE = 128;

export interface UserImportJobRunner {
  /** Looks for a job to run now (StartUserImportJob calls it). */
  wake(): void;
  /** Ends the job being run after its current batch, leaving it InProgress for the next start to resume. */
  stop(): Promise<void>;
}

/** The runner's batch hook refuses to go on: the job was stopped, or this instance is closing or lost the job. */
class Interrupted extends Error {}

/**
 * Runs user import jobs in the background (docs/behaviour.md, User import jobs), one at a time: it claims a
 * Pending job (or one left InProgress or Stopping by an instance that stopped or crashed), imports its file
 * through the same routine as `cognate import`, and records its progress in each batch's transaction, so that
 * a job resumed elsewhere neither loses nor repeats a row. Timers are unref'd.
 */
export function startUserImportJobRunner(deps: { store: Store; random: Random; clock: Clock; log: Logger }): UserImportJobRunner {
  const { store, clock, log } = deps;
  const owner = deps.random.uuid();
  let stopping = false;
  let woken = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const loop = async () => {
    do {
      woken = false;
      try {
        for (;;) {
          if (stopping) return;
          const now = await clock.now();
          const job = await store.userImportJobs.claim(owner, now, new Date(now.getTime() + LEASE_MS));
          if (job === undefined) break;
          await runJob(job);
        }
      } catch (error) {
        if (stopping) return;
        log.warn({ err: error }, "running user import jobs failed; trying again later");
      }
    } while (woken && !stopping);
  };
  const kick = () => {
    if (stopping) return;
    if (running !== undefined) {
      woken = true;
      return;
    }
    running = loop().finally(() => {
      running = undefined;
      schedule();
    });
  };
  const schedule = () => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(kick, POLL_MS);
    timer.unref();
  };

  const finish = (job: UserImportJobRecord, expected: UserImportJobRecord["status"][], progress: UserImportJobProgress) =>
    store.userImportJobs.update(job.poolId, job.jobId, { statuses: expected, leaseOwner: owner }, { ...progress, leaseOwner: undefined, leaseUntil: undefined });

  async function runJob(claimed: UserImportJobRecord): Promise<void> {
    const now = await clock.now();
    if (claimed.status === "Stopping") {
      await finish(claimed, ["Stopping"], { ...progressOf(claimed), status: "Stopped", completedAt: now, completionMessage: STOPPED_MESSAGE });
      return;
    }
    const job: UserImportJobRecord = { ...claimed, status: "InProgress" };
    if (claimed.status === "Pending" && !(await store.userImportJobs.update(job.poolId, job.jobId, { statuses: ["Pending"], leaseOwner: owner }, progressOf(job)))) {
      return;
    }
    const pool = await store.pools.get(job.poolId);
    const csv = await store.userImportJobs.file(job.poolId, job.jobId);
    if (pool === undefined) return;
    if (csv === undefined) {
      await finish(job, ["InProgress", "Stopping"], { ...progressOf(job), status: "Failed", completedAt: now, completionMessage: "No CSV file was uploaded." });
      return;
    }
    log.info({ poolId: job.poolId, jobId: job.jobId, resumedAfterRows: job.rowsDone }, "user import job running");

    const saved = (progress: ImportProgress, leaseUntil: Date | undefined): UserImportJobProgress => ({
      ...progressOf(job),
      rowsDone: progress.rows,
      importedUsers: progress.imported,
      skippedUsers: progress.skipped,
      failedUsers: progress.refused - progress.skipped,
      leaseOwner: owner,
      leaseUntil,
    });
    try {
      const summary = await importUsers({ store, random: deps.random }, pool, chunksOf(csv), now, {
        ...(job.passwordHashingAlgorithm === undefined ? {} : { passwordHashingAlgorithm: job.passwordHashingAlgorithm }),
        resume: { rows: job.rowsDone, imported: job.importedUsers, skipped: job.skippedUsers, refused: job.skippedUsers + job.failedUsers },
        batchSize: JOB_BATCH,
        // On SQLite a batch holds the event loop: requests are served between two.
        pause: () => new Promise((resolve) => setImmediate(resolve)),
        commit: async (tx, progress) => {
          if (stopping) throw new Interrupted();
          const at = await clock.now();
          const kept = await tx.userImportJobs.update(job.poolId, job.jobId, { statuses: ["InProgress"], leaseOwner: owner }, saved(progress, new Date(at.getTime() + LEASE_MS)));
          if (!kept) throw new Interrupted();
        },
      });
      const done = { ...saved(summary, undefined), completedAt: await clock.now() };
      if (!(await finish(job, ["InProgress"], { ...done, status: "Succeeded", completionMessage: SUCCEEDED_MESSAGE }))) {
        await finish(job, ["Stopping"], { ...done, status: "Stopped", completionMessage: STOPPED_MESSAGE });
      }
      log.info({ poolId: job.poolId, jobId: job.jobId, imported: summary.imported, refused: summary.refused }, "user import job finished");
    } catch (error) {
      if (error instanceof Interrupted) return interrupted(job);
      const message = error instanceof ImportHeaderError ? `The CSV header is not valid: ${error.message}` : "The import failed on an internal error.";
      if (!(error instanceof ImportHeaderError)) log.error({ err: error, poolId: job.poolId, jobId: job.jobId }, "user import job failed");
      await finish(job, ["InProgress", "Stopping"], {
        ...progressOf(job),
        status: "Failed",
        completedAt: await clock.now(),
        completionMessage: message.length > MAX_COMPLETION_MESSAGE ? `${message.slice(0, MAX_COMPLETION_MESSAGE - 1)}…` : message,
      });
    }
  }

  /** After a batch was refused: a stopped job ends with what its last batch saved; a closing instance lets the job go. */
  async function interrupted(job: UserImportJobRecord): Promise<void> {
    const current = await store.userImportJobs.get(job.poolId, job.jobId);
    if (current === undefined || current.leaseOwner !== owner) return;
    if (current.status === "Stopping") {
      await finish(current, ["Stopping"], { ...progressOf(current), status: "Stopped", completedAt: await clock.now(), completionMessage: STOPPED_MESSAGE });
    } else if (stopping) {
      await finish(current, [current.status], progressOf(current));
    }
  }

  kick();
  return {
    wake: kick,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The stored file as the chunks the CSV reader takes. */
async function* chunksOf(csv: string): AsyncGenerator<string> {
  for (let start = 0; start < csv.length; start += CHUNK_CHARS) yield csv.slice(start, start + CHUNK_CHARS);
}
