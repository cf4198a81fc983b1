import type {
  EmailMfaConfigType,
  UserPoolType,
  WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";

/**
 * Everything a pool carries besides its identity and dates, in the SDK's wire names, exactly as
 * DescribeUserPool reports it: CreateUserPool fills in every default (the full schema included), so the
 * record alone describes the pool. Stored as one JSON document so new settings need no migration. Read
 * it through the accessors in ./settings.ts, which also cope with a document missing members.
 */
export type PoolConfig = Omit<
  UserPoolType,
  "Id" | "Name" | "Arn" | "CreationDate" | "LastModifiedDate" | "EstimatedNumberOfUsers" | "Status"
> & {
  /** What SetUserPoolMfaConfig set beyond UserPoolType's members; DescribeUserPool does not report it. */
  MfaFactors?: MfaFactors;
};

/**
 * The pool's second factors and passkey settings as SetUserPoolMfaConfig last set them. A member left
 * out was never set (SMS MFA then follows the pool's MFA mode and SMS configuration).
 */
export interface MfaFactors {
  SmsMfa?: boolean;
  SoftwareTokenMfa?: boolean;
  EmailMfa?: EmailMfaConfigType;
  WebAuthn?: WebAuthnConfigurationType;
}

export interface UserPoolRecord {
  id: string;
  /** The region the pool was created in: the prefix of its id. */
  region: string;
  name: string;
  createdAt: Date;
  lastModifiedAt: Date;
  config: PoolConfig;
}
