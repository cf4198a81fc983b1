import type {
  CreateUserPoolRequest,
  PasswordPolicyType,
  UserPoolDescriptionType,
  UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../errors.js";
import { randomString, type Random } from "../random.js";
import type { Store } from "../../storage/store.js";
import type { PoolConfig, UserPoolRecord } from "./types.js";

/** Cognito's password policy when a pool is created through the API without one. */
export const DEFAULT_PASSWORD_POLICY: Required<Omit<PasswordPolicyType, "PasswordHistorySize">> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** `<region>_<9 alphanumerics>`, as Cognito forms pool ids. */
export function newPoolId(random: Random, region: string): string {
  return `${region}_${randomString(random, 9)}`;
}

export function poolArn(pool: UserPoolRecord, accountId: string): string {
  return `arn:aws:cognito-idp:${pool.region}:${accountId}:userpool/${pool.id}`;
}

export function newUserPool(
  input: CreateUserPoolRequest & { PoolName: string },
  identity: { id: string; region: string; now: Date },
): UserPoolRecord {
  const { PoolName, Policies, ...settings } = input;
  const config: PoolConfig = {
    ...settings,
    Policies: {
      ...Policies,
      PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...Policies?.PasswordPolicy },
    },
    DeletionProtection: input.DeletionProtection ?? "INACTIVE",
    MfaConfiguration: input.MfaConfiguration ?? "OFF",
    LambdaConfig: input.LambdaConfig ?? {},
    UserPoolTier: input.UserPoolTier ?? "ESSENTIALS",
  };
  return {
    id: identity.id,
    region: identity.region,
    name: PoolName,
    createdAt: identity.now,
    lastModifiedAt: identity.now,
    config,
  };
}

export function toUserPoolType(pool: UserPoolRecord, accountId: string): UserPoolType {
  return {
    Id: pool.id,
    Name: pool.name,
    ...pool.config,
    LastModifiedDate: pool.lastModifiedAt,
    CreationDate: pool.createdAt,
    Arn: poolArn(pool, accountId),
    EstimatedNumberOfUsers: 0,
  };
}

export function toUserPoolDescription(pool: UserPoolRecord): UserPoolDescriptionType {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: pool.config.LambdaConfig ?? {},
    LastModifiedDate: pool.lastModifiedAt,
    CreationDate: pool.createdAt,
  };
}

/**
 * The pool a request addresses. A pool of another region is as absent as a deleted one: a signed request
 * addresses exactly the region of its credential scope.
 */
export async function requirePool(store: Store, poolId: string, region: string): Promise<UserPoolRecord> {
  const pool = await store.pools.get(poolId);
  if (pool === undefined || pool.region !== region) {
    throw new CognitoError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
  }
  return pool;
}
