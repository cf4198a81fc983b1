import type { UserPoolClientType } from "@aws-sdk/client-cognito-identity-provider";
import type { UserPoolRecord } from "../pools/types.js";

/** Everything an app client carries besides its identity, secret and dates, in the SDK's wire names. */
export type ClientConfig = Omit<
  UserPoolClientType,
  "UserPoolId" | "ClientName" | "ClientId" | "ClientSecret" | "LastModifiedDate" | "CreationDate"
>;

export interface ClientRecord {
  poolId: string;
  /** 26 lowercase alphanumerics; unique across all pools, since unsigned operations find the pool by it. */
  clientId: string;
  name: string;
  /**
   * The client's secrets, oldest first: none for a public client, one or two for a confidential one (two
   * while a secret is being rotated; either is accepted).
   */
  secrets: readonly ClientSecret[];
  createdAt: Date;
  lastModifiedAt: Date;
  config: ClientConfig;
}

export interface ClientSecret {
  value: string;
  /** Also names the secret: its id is `<client id>--<epoch milliseconds of this date>`. */
  createdAt: Date;
}

/** An app client and its pool. */
export interface ClientInPool {
  pool: UserPoolRecord;
  client: ClientRecord;
}
