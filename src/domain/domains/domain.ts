import type {
  CreateUserPoolDomainRequest,
  CustomDomainConfigType,
  DomainDescriptionType,
  UpdateUserPoolDomainRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  customDomainNotSubdomain,
  domainNotFound,
  domainReservedWord,
  domainTaken,
  managedLoginVersionInvalid,
  poolHasDomain,
  prefixDomainInvalid,
} from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { CustomDomain, UserPoolDomainRecord } from "./types.js";

/** Words Cognito refuses in a prefix domain (docs/behaviour.md#domains). */
const RESERVED_WORDS = ["aws", "amazon", "cognito"] as const;

/** One DNS label, the format Cognito's model gives prefix domains. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;

/** Without a version Cognito applies the classic hosted UI (version 1). */
const DEFAULT_MANAGED_LOGIN_VERSION = 1;

/** Where a prefix domain's pages live on AWS; Cognate also answers a request whose Host is this name. */
export function prefixDomainHost(prefix: string, region: string): string {
  return `${prefix}.auth.${region}.amazoncognito.com`;
}

type CreateDomainInput = CreateUserPoolDomainRequest & { Domain: string; UserPoolId: string };

/**
 * Gives the pool its one domain. Checks run in Cognito's order: the name's format, then the pool's existing
 * domain, then whether another pool holds the name (both unique keys are also enforced by the store, so two
 * concurrent creations cannot both succeed).
 */
export async function createDomain(store: Store, input: CreateDomainInput, region: string, now: Date): Promise<UserPoolDomainRecord> {
  const customDomain = toCustomDomain(input.CustomDomainConfig);
  checkDomainName(input.Domain, customDomain !== undefined);
  const record: UserPoolDomainRecord = {
    domain: input.Domain,
    region,
    poolId: input.UserPoolId,
    ...(customDomain === undefined ? {} : { customDomain }),
    managedLoginVersion: managedLoginVersion(input.ManagedLoginVersion) ?? DEFAULT_MANAGED_LOGIN_VERSION,
    createdAt: now,
    lastModifiedAt: now,
  };
  return store.transaction(async (tx) => {
    if ((await tx.domains.getForPool(record.poolId)) !== undefined) throw poolHasDomain();
    if ((await tx.domains.get(region, record.domain)) !== undefined) throw domainTaken();
    try {
      await tx.domains.create(record);
    } catch (error) {
      throw error instanceof StorageConflictError ? domainTaken() : error;
    }
    return record;
  });
}

/**
 * UpdateUserPoolDomain changes the managed login version and a custom domain's certificate; an omitted
 * member keeps its value. The domain must be the pool's.
 */
export async function updateDomain(
  store: Store,
  input: UpdateUserPoolDomainRequest & { Domain: string; UserPoolId: string },
  region: string,
  now: Date,
): Promise<UserPoolDomainRecord> {
  const version = managedLoginVersion(input.ManagedLoginVersion);
  const customDomain = toCustomDomain(input.CustomDomainConfig);
  return store.transaction(async (tx) => {
    const current = await requirePoolDomain(tx, region, input.Domain, input.UserPoolId);
    const updated: UserPoolDomainRecord = {
      ...current,
      ...(version === undefined ? {} : { managedLoginVersion: version }),
      ...(customDomain === undefined || current.customDomain === undefined ? {} : { customDomain }),
      lastModifiedAt: now,
    };
    if (!(await tx.domains.update(updated))) throw domainNotFound();
    return updated;
  });
}

export async function deleteDomain(store: Store, region: string, domain: string, poolId: string): Promise<void> {
  await requirePoolDomain(store, region, domain, poolId);
  if (!(await store.domains.delete(region, domain))) throw domainNotFound();
}

/** The domain when the named pool holds it; Cognito answers the same error whether the domain or the pool is wrong. */
async function requirePoolDomain(store: Store, region: string, domain: string, poolId: string): Promise<UserPoolDomainRecord> {
  const record = await store.domains.get(region, domain);
  if (record === undefined || record.poolId !== poolId) throw domainNotFound();
  return record;
}

/**
 * DescribeUserPoolDomain's answer. An unknown domain is an empty description, not an error: Cognito answers
 * so and tools (Terraform's provider) rely on it to see that a domain is free.
 */
export function toDomainDescription(record: UserPoolDomainRecord | undefined, accountId: string): DomainDescriptionType {
  if (record === undefined) return {};
  return {
    UserPoolId: record.poolId,
    AWSAccountId: accountId,
    Domain: record.domain,
    CloudFrontDistribution: cloudFrontDomain(record),
    Version: String(record.createdAt.getTime()),
    Status: "ACTIVE",
    ManagedLoginVersion: record.managedLoginVersion,
    ...(record.customDomain === undefined
      ? {}
      : {
          CustomDomainConfig: {
            CertificateArn: record.customDomain.certificateArn,
            ...(record.customDomain.securityPolicy === undefined ? {} : { SecurityPolicy: record.customDomain.securityPolicy as never }),
          },
        }),
  };
}

/**
 * The distribution a custom domain's DNS alias must point at. Cognate serves the pages itself, so this is a
 * stable made-up name in CloudFront's form; prefix domains have none in CreateUserPoolDomain's answer.
 */
export function cloudFrontDomain(record: UserPoolDomainRecord): string {
  let hash = 0;
  for (const char of `${record.poolId}/${record.domain}`) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return `d${hash.toString(36).padStart(13, "0").slice(0, 13)}.cloudfront.net`;
}

function checkDomainName(domain: string, custom: boolean): void {
  if (custom) {
    // At least two dots: the certificate's domain plus one label (Cognito refuses a top-level name).
    if (domain.split(".").length < 3) throw customDomainNotSubdomain(domain);
    return;
  }
  if (!PREFIX.test(domain)) throw prefixDomainInvalid();
  const reserved = RESERVED_WORDS.find((word) => domain.includes(word));
  if (reserved !== undefined) throw domainReservedWord(reserved);
}

function managedLoginVersion(version: number | undefined): number | undefined {
  if (version === undefined) return undefined;
  if (version !== 1 && version !== 2) throw managedLoginVersionInvalid(version);
  return version;
}

function toCustomDomain(config: CustomDomainConfigType | undefined): CustomDomain | undefined {
  if (config?.CertificateArn === undefined) return undefined;
  return {
    certificateArn: config.CertificateArn,
    ...(config.SecurityPolicy === undefined ? {} : { securityPolicy: config.SecurityPolicy }),
  };
}

/** DescribeUserPool names the pool's domain: a prefix as `Domain`, a custom domain as `CustomDomain`. */
export function poolDomainMembers(record: UserPoolDomainRecord | undefined): { Domain?: string; CustomDomain?: string } {
  if (record === undefined) return {};
  return record.customDomain === undefined ? { Domain: record.domain } : { CustomDomain: record.domain };
}
