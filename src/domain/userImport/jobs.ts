import type { CreateUserImportJobRequest, UserImportJobStatusType, UserImportJobType } from "@aws-sdk/client-cognito-identity-provider";
import { timingSafeEqual } from "node:crypto";
import {
  userImportJobNotFound,
  userImportJobNotStartable,
  userImportJobNotStoppable,
  userImportJobNotUploaded,
} from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import { randomString, type Random } from "../random.js";
import type { UserImportJobProgress, UserImportJobRecord } from "./types.js";

/**
 * A job not started within this time of its creation is Expired, and its PreSignedUrl takes no file any more
 * (Cognito: "did not start the job within 24-48 hours"; docs/behaviour.md, User import jobs).
 */
export const JOB_START_WINDOW_MS = 24 * 3600 * 1000;
/** The largest file a PreSignedUrl accepts: Cognito's limit for one import file. */
export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;
const UPLOAD_TOKEN_BYTES = 32;

/** A new job, Created, waiting for its file. */
export function newUserImportJob(
  input: CreateUserImportJobRequest & { JobName: string; CloudWatchLogsRoleArn: string },
  context: { poolId: string; random: Random; now: Date },
): UserImportJobRecord {
  return {
    poolId: context.poolId,
    jobId: `import-${randomString(context.random, 10)}`,
    jobName: input.JobName,
    cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn,
    ...(input.PasswordHashingAlgorithm === undefined ? {} : { passwordHashingAlgorithm: input.PasswordHashingAlgorithm }),
    uploadToken: context.random.bytes(UPLOAD_TOKEN_BYTES).toString("base64url"),
    status: "Created",
    createdAt: context.now,
    uploaded: false,
    importedUsers: 0,
    skippedUsers: 0,
    failedUsers: 0,
    rowsDone: 0,
  };
}

/** The status as Cognito reports it: a Created job past its start window is Expired. */
export function reportedStatus(job: UserImportJobRecord, now: Date): UserImportJobStatusType {
  return job.status === "Created" && now.getTime() - job.createdAt.getTime() >= JOB_START_WINDOW_MS ? "Expired" : job.status;
}

/** Where the job's file is uploaded with PUT, on Cognate's own URL; the token in it is the only credential. */
export function preSignedUrl(publicUrl: string, job: UserImportJobRecord): string {
  return `${publicUrl}/user-import/${encodeURIComponent(job.poolId)}/${encodeURIComponent(job.jobId)}?token=${job.uploadToken}`;
}

export function toUserImportJobType(job: UserImportJobRecord, context: { publicUrl: string; now: Date }): UserImportJobType {
  return {
    JobName: job.jobName,
    JobId: job.jobId,
    UserPoolId: job.poolId,
    PreSignedUrl: preSignedUrl(context.publicUrl, job),
    CreationDate: job.createdAt,
    ...(job.startedAt === undefined ? {} : { StartDate: job.startedAt }),
    ...(job.completedAt === undefined ? {} : { CompletionDate: job.completedAt }),
    Status: reportedStatus(job, context.now),
    CloudWatchLogsRoleArn: job.cloudWatchLogsRoleArn,
    ImportedUsers: job.importedUsers,
    SkippedUsers: job.skippedUsers,
    FailedUsers: job.failedUsers,
    ...(job.completionMessage === undefined ? {} : { CompletionMessage: job.completionMessage }),
    ...(job.passwordHashingAlgorithm === undefined ? {} : { PasswordHashingAlgorithm: job.passwordHashingAlgorithm }),
  };
}

export async function requireUserImportJob(store: Store, poolId: string, jobId: string): Promise<UserImportJobRecord> {
  const job = await store.userImportJobs.get(poolId, jobId);
  if (job === undefined) throw userImportJobNotFound(jobId);
  return job;
}

/** The progress fields of a job as they are. */
export function progressOf(job: UserImportJobRecord): UserImportJobProgress {
  const { status, startedAt, completedAt, importedUsers, skippedUsers, failedUsers, rowsDone, completionMessage, leaseOwner, leaseUntil } = job;
  return { status, startedAt, completedAt, importedUsers, skippedUsers, failedUsers, rowsDone, completionMessage, leaseOwner, leaseUntil };
}

/**
 * StartUserImportJob: a Created job (not Expired) whose file was uploaded becomes Pending, for a runner to
 * take up. Refused otherwise, the job unchanged.
 */
export async function startUserImportJob(store: Store, poolId: string, jobId: string, now: Date): Promise<UserImportJobRecord> {
  const job = await requireUserImportJob(store, poolId, jobId);
  const status = reportedStatus(job, now);
  if (status !== "Created") throw userImportJobNotStartable(jobId, status);
  if (!job.uploaded) throw userImportJobNotUploaded(jobId);
  const started: UserImportJobRecord = { ...job, status: "Pending", startedAt: now };
  if (!(await store.userImportJobs.update(poolId, jobId, { statuses: ["Created"] }, progressOf(started)))) {
    throw userImportJobNotStartable(jobId, reportedStatus((await requireUserImportJob(store, poolId, jobId)), now));
  }
  return started;
}

/**
 * StopUserImportJob: a Pending job stops at once; an InProgress one becomes Stopping and its runner stops it
 * after the batch it is writing (docs/behaviour.md, User import jobs). Refused in any other status.
 */
export async function stopUserImportJob(store: Store, poolId: string, jobId: string, now: Date): Promise<UserImportJobRecord> {
  const job = await requireUserImportJob(store, poolId, jobId);
  let stopped: UserImportJobRecord;
  if (job.status === "Pending") stopped = { ...job, status: "Stopped", completedAt: now, completionMessage: STOPPED_MESSAGE };
  else if (job.status === "InProgress") stopped = { ...job, status: "Stopping" };
  else throw userImportJobNotStoppable(jobId, reportedStatus(job, now));
  if (!(await store.userImportJobs.update(poolId, jobId, { statuses: [job.status] }, progressOf(stopped)))) {
    // The job moved on meanwhile (its runner finished it, or took a Pending job up): ask again.
    return stopUserImportJob(store, poolId, jobId, now);
  }
  return stopped;
}

export const SUCCEEDED_MESSAGE = "Import Job Completed Successfully.";
export const STOPPED_MESSAGE = "Import Job Stopped.";

/** What became of an upload to a PreSignedUrl. */
export type UploadOutcome = "stored" | "unknown" | "expired";

/**
 * A PUT to the job's PreSignedUrl: the file is kept (replacing one uploaded before) while the job is Created
 * and within its start window, and only with the job's token; "unknown" for a wrong token or job alike.
 */
export async function uploadUserImportFile(
  store: Store,
  request: { poolId: string; jobId: string; token: string; csv: string; now: Date },
): Promise<UploadOutcome> {
  const job = await store.userImportJobs.get(request.poolId, request.jobId);
  if (job === undefined || !sameToken(job.uploadToken, request.token)) return "unknown";
  if (reportedStatus(job, request.now) !== "Created") return "expired";
  return (await store.userImportJobs.upload(request.poolId, request.jobId, request.csv)) ? "stored" : "expired";
}

function sameToken(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
