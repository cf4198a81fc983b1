import type { PasswordHashingAlgorithmType, UserImportJobStatusType } from "@aws-sdk/client-cognito-identity-provider";

/** A user import job (CreateUserImportJob): its file, its state, and its progress. */
export interface UserImportJobRecord {
  poolId: string;
  /** `import-` and 10 random letters and digits, as Cognito's job ids look. */
  jobId: string;
  jobName: string;
  cloudWatchLogsRoleArn: string;
  /** The algorithm of the file's `cognito:password_hash` column; absent: the file carries no hashes. */
  passwordHashingAlgorithm?: PasswordHashingAlgorithmType;
  /** The secret part of the PreSignedUrl: whoever holds it may upload the file until the job starts. */
  uploadToken: string;
  /** As stored: Created, Pending, InProgress, Stopping or a final state (Expired is derived when read). */
  status: UserImportJobStatusType;
  createdAt: Date;
  startedAt?: Date;
  completedAt?: Date;
  /** True once a file was uploaded to the PreSignedUrl. */
  uploaded: boolean;
  importedUsers: number;
  skippedUsers: number;
  failedUsers: number;
  /** Data rows of the file already read and counted: where a resumed job goes on. */
  rowsDone: number;
  completionMessage?: string;
  /** The instance running the job and until when its claim holds without being renewed. */
  leaseOwner?: string;
  leaseUntil?: Date;
}

/** What a job's runner changes as it goes. */
export type UserImportJobProgress = Pick<
  UserImportJobRecord,
  "status" | "startedAt" | "completedAt" | "importedUsers" | "skippedUsers" | "failedUsers" | "rowsDone" | "completionMessage" | "leaseOwner" | "leaseUntil"
>;
