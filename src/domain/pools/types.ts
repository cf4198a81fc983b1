import type { UserPoolType } from "@aws-sdk/client-cognito-identity-provider";

/**
 * Everything a pool carries besides its identity and dates, in the SDK's wire names.
 * Stored as one JSON document so new settings need no migration.
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
