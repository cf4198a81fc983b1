import type { PasswordHashingAlgorithmType, UserImportJobStatusType } from "@aws-sdk/client-cognito-identity-provider";
import type { Kysely, Selectable } from "kysely";
import type { Page, PageResult, UserImportJobStore } from "../../domain/ports/store.js";
import type { UserImportJobProgress, UserImportJobRecord } from "../../domain/userImport/types.js";
import type { SecretCipher } from "../secrets.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, UserImportJobsTable } from "./schema.js";

/** The statuses whose jobs a runner must take up. */
const TO_RUN: readonly UserImportJobStatusType[] = ["Pending", "InProgress", "Stopping"];

/** Every column but the file: listings and descriptions never read it. */
const JOB_COLUMNS = [
  "seq",
  "job_id",
  "pool_id",
  "job_name",
  "role_arn",
  "hashing_algorithm",
  "upload_token",
  "status",
  "created_at",
  "started_at",
  "completed_at",
  "imported_users",
  "skipped_users",
  "failed_users",
  "rows_done",
  "completion_message",
  "lease_owner",
  "lease_until",
] as const;
type JobRow = Pick<Selectable<UserImportJobsTable>, (typeof JOB_COLUMNS)[number]> & { uploaded: number | string | boolean };

export class SqlUserImportJobStore implements UserImportJobStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
  ) {}

  async create(job: UserImportJobRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("user_import_jobs")
        .values({
          job_id: job.jobId,
          pool_id: job.poolId,
          job_name: job.jobName,
          role_arn: job.cloudWatchLogsRoleArn,
          hashing_algorithm: job.passwordHashingAlgorithm ?? null,
          upload_token: this.cipher.seal(job.uploadToken),
          created_at: job.createdAt.getTime(),
          csv: null,
          ...progressColumns(job),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `user import job ${job.jobId} exists`);
  }

  async get(poolId: string, jobId: string): Promise<UserImportJobRecord | undefined> {
    const row = await this.selectJobs().where("pool_id", "=", poolId).where("job_id", "=", jobId).executeTakeFirst();
    return row === undefined ? undefined : this.toRecord(row);
  }

  async list(poolId: string, page: Page): Promise<PageResult<UserImportJobRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.selectJobs().where("pool_id", "=", poolId).orderBy("seq").limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => this.toRecord(row));
  }

  async upload(poolId: string, jobId: string, csv: string): Promise<boolean> {
    const result = await this.db
      .updateTable("user_import_jobs")
      .set({ csv: this.cipher.seal(csv) })
      .where("pool_id", "=", poolId)
      .where("job_id", "=", jobId)
      .where("status", "=", "Created")
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async file(poolId: string, jobId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("user_import_jobs")
      .select("csv")
      .where("pool_id", "=", poolId)
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    return row?.csv == null ? undefined : this.cipher.open(row.csv);
  }

  async update(
    poolId: string,
    jobId: string,
    expected: { statuses: readonly UserImportJobStatusType[]; leaseOwner?: string },
    progress: UserImportJobProgress,
  ): Promise<boolean> {
    let query = this.db
      .updateTable("user_import_jobs")
      .set(progressColumns(progress))
      .where("pool_id", "=", poolId)
      .where("job_id", "=", jobId)
      .where("status", "in", [...expected.statuses]);
    if (expected.leaseOwner !== undefined) query = query.where("lease_owner", "=", expected.leaseOwner);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async claim(owner: string, now: Date, leaseUntil: Date): Promise<UserImportJobRecord | undefined> {
    const free = (query: ReturnType<SqlUserImportJobStore["selectJobs"]>) =>
      query.where("status", "in", [...TO_RUN]).where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now.getTime())]));
    const candidates = await free(this.selectJobs()).orderBy("seq").limit(10).execute();
    for (const candidate of candidates) {
      // Taken only if still free: of two instances racing for one job, one update finds it leased.
      const result = await this.db
        .updateTable("user_import_jobs")
        .set({ lease_owner: owner, lease_until: leaseUntil.getTime() })
        .where("seq", "=", candidate.seq)
        .where("status", "in", [...TO_RUN])
        .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now.getTime())]))
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return this.toRecord({ ...candidate, lease_owner: owner, lease_until: leaseUntil.getTime() });
    }
    return undefined;
  }

  private selectJobs() {
    return this.db
      .selectFrom("user_import_jobs")
      .select(JOB_COLUMNS)
      .select((eb) => eb.case().when("csv", "is", null).then(0).else(1).end().as("uploaded"));
  }

  private toRecord(row: JobRow): UserImportJobRecord {
    const optionalDate = (value: number | null) => (value === null ? undefined : new Date(Number(value)));
    const startedAt = optionalDate(row.started_at);
    const completedAt = optionalDate(row.completed_at);
    const leaseUntil = optionalDate(row.lease_until);
    return {
      poolId: row.pool_id,
      jobId: row.job_id,
      jobName: row.job_name,
      cloudWatchLogsRoleArn: row.role_arn,
      ...(row.hashing_algorithm === null ? {} : { passwordHashingAlgorithm: row.hashing_algorithm as PasswordHashingAlgorithmType }),
      uploadToken: this.cipher.open(row.upload_token),
      status: row.status as UserImportJobStatusType,
      createdAt: new Date(Number(row.created_at)),
      ...(startedAt === undefined ? {} : { startedAt }),
      ...(completedAt === undefined ? {} : { completedAt }),
      uploaded: Number(row.uploaded) === 1,
      importedUsers: Number(row.imported_users),
      skippedUsers: Number(row.skipped_users),
      failedUsers: Number(row.failed_users),
      rowsDone: Number(row.rows_done),
      ...(row.completion_message === null ? {} : { completionMessage: row.completion_message }),
      ...(row.lease_owner === null ? {} : { leaseOwner: row.lease_owner }),
      ...(leaseUntil === undefined ? {} : { leaseUntil }),
    };
  }
}

function progressColumns(progress: UserImportJobProgress) {
  return {
    status: progress.status,
    started_at: progress.startedAt?.getTime() ?? null,
    completed_at: progress.completedAt?.getTime() ?? null,
    imported_users: progress.importedUsers,
    skipped_users: progress.skippedUsers,
    failed_users: progress.failedUsers,
    rows_done: progress.rowsDone,
    completion_message: progress.completionMessage ?? null,
    lease_owner: progress.leaseOwner ?? null,
    lease_until: progress.leaseUntil?.getTime() ?? null,
  };
}
