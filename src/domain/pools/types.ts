import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";

/**
 * Everything a pool carries besides its identity and dates, in the SDK's wire names, exactly as
 * DescribeUserPool reports it: CreateUserPool fills in every default (the full schema included), so the
 * record alone describes the pool. Stored as one JSON document so new settings need no migration. Read
 * it through the accessors in ./settings.ts, which also cope with a document missing members.
 */
export type PoolConfig = Omit<
  UserPoolType,
  "Id" | "Name" | "Arn" | "CreationDate" | "LastModifiedDate" | "EstimatedNumberOfUsers" | "Status"
>;

export interface UserPoolRecord {
  id: string;
  /** The region the pool was created in: the prefix of its id. */
  region: string;
  name: string;
  createdAt: Date;
  lastModifiedAt: Date;
  config: PoolConfig;
}
