import type {
  CreateUserPoolRequest,
  PasswordPolicyType,
  SchemaAttributeType,
  UpdateUserPoolRequest,
  UserPoolDescriptionType,
  UserPoolType,
  VerificationMessageTemplateType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  deletionProtectionActive,
  featureNotInTier,
  passwordHistoryNotInLite,
  poolNotFound,
  smsMfaWithoutSmsVerification,
  usernameAndAliasAttributesTogether,
} from "../../errors/catalogue.js";
import { shapes, type StringShape } from "../../model/shapes.gen.js";
import { randomString, type Random } from "../random.js";
import type { Store } from "../ports/store.js";
import { checkedTags } from "../tags/tags.js";
import { storedLambdaConfig } from "../triggers/lambdaConfig.js";
import { poolSchema, withNewCustomAttributes } from "./schema.js";
import { DEFAULT_TIER, schemaAttributes, temporaryValidityDaysOrDefault, withPasswordPolicyDefaults } from "./settings.js";
import type { PoolConfig, UserPoolRecord } from "./types.js";

/** The password rules import the default policy from this module. */

/**
 * The settings CreateUserPool and UpdateUserPool both take and that UpdateUserPool replaces as a whole:
 * one it omits goes back to its default, as Cognito documents ("If you don't provide a value for an
 * attribute, Amazon Cognito sets it to its default value").
 */
const REPLACED_SETTINGS = [
  "Policies",
  "DeletionProtection",
  "LambdaConfig",
  "AutoVerifiedAttributes",
  "SmsVerificationMessage",
  "EmailVerificationMessage",
  "EmailVerificationSubject",
  "VerificationMessageTemplate",
  "SmsAuthenticationMessage",
  "UserAttributeUpdateSettings",
  "MfaConfiguration",
  "DeviceConfiguration",
  "EmailConfiguration",
  "SmsConfiguration",
  "AdminCreateUserConfig",
  "UserPoolAddOns",
  "AccountRecoverySetting",
] as const satisfies readonly (keyof CreateUserPoolRequest & keyof UpdateUserPoolRequest & keyof PoolConfig)[];

/**
 * Settings an UpdateUserPool request may change but that stay as they are when it omits them: the tier
 * is a billing choice, tags are also managed by TagResource, and the key and issuer are fixed in
 * replica regions.
 */
const KEPT_UNLESS_GIVEN = [
  "UserPoolTags",
  "UserPoolTier",
  "KeyConfiguration",
  "IssuerConfiguration",
] as const satisfies readonly (keyof CreateUserPoolRequest & keyof UpdateUserPoolRequest & keyof PoolConfig)[];

type SharedSettings = Pick<CreateUserPoolRequest, (typeof REPLACED_SETTINGS)[number]>;

/** `<region>_<9 alphanumerics>`, as Cognito forms pool ids. */
export function newPoolId(random: Random, region: string): string {
  return `${region}_${randomString(random, 9)}`;
}

export function poolArn(pool: UserPoolRecord, accountId: string): string {
  return `arn:aws:cognito-idp:${pool.region}:${accountId}:userpool/${pool.id}`;
}

/** A pool as CreateUserPool makes it: every default filled in, so the record alone describes the pool. */
export function newUserPool(
  request: CreateUserPoolRequest & { PoolName: string },
  identity: { id: string; region: string; now: Date },
): UserPoolRecord {
  const usernameAttributes = nonEmpty(request.UsernameAttributes);
  const aliasAttributes = nonEmpty(request.AliasAttributes);
  if (usernameAttributes !== undefined && aliasAttributes !== undefined) {
    throw usernameAndAliasAttributesTogether();
  }
  const config: PoolConfig = {
    ...replacedSettings(request),
    SchemaAttributes: poolSchema(request.Schema),
    ...(usernameAttributes === undefined ? {} : { UsernameAttributes: usernameAttributes }),
    ...(aliasAttributes === undefined ? {} : { AliasAttributes: aliasAttributes }),
    ...(request.UsernameConfiguration === undefined ? {} : { UsernameConfiguration: request.UsernameConfiguration }),
    UserPoolTags: checkedTags(request.UserPoolTags ?? {}),
    UserPoolTier: request.UserPoolTier ?? DEFAULT_TIER,
    ...pickGiven(request, ["KeyConfiguration", "IssuerConfiguration"]),
  };
  if (config.MfaConfiguration !== "OFF" && !sendsSmsCodes(config)) throw smsMfaWithoutSmsVerification();
  checkTierFeatures(config);
  return {
    id: identity.id,
    region: identity.region,
    name: request.PoolName,
    createdAt: identity.now,
    lastModifiedAt: identity.now,
    config,
  };
}

/**
 * The pool after UpdateUserPool: the request's settings replace the old ones (omitted ones reset to their
 * defaults); the sign-in attributes, case sensitivity and schema are fixed at creation and stay.
 */
export function updatedUserPool(pool: UserPoolRecord, request: UpdateUserPoolRequest, now: Date): UserPoolRecord {
  const kept = Object.fromEntries(
    Object.entries(pool.config).filter(([name]) => !(REPLACED_SETTINGS as readonly string[]).includes(name)),
  ) as PoolConfig;
  const config: PoolConfig = {
    ...kept,
    ...replacedSettings(request),
    ...pickGiven(request, KEPT_UNLESS_GIVEN),
  };
  checkedTags(config.UserPoolTags ?? {});
  checkTierFeatures(config);
  return { ...pool, name: request.PoolName ?? pool.name, lastModifiedAt: now, config };
}

/** The pool after AddCustomAttributes. */
export function withCustomAttributes(
  pool: UserPoolRecord,
  requested: readonly SchemaAttributeType[],
  now: Date,
): UserPoolRecord {
  const SchemaAttributes = withNewCustomAttributes(schemaAttributes(pool), requested);
  return { ...pool, lastModifiedAt: now, config: { ...pool.config, SchemaAttributes } };
}

export function toUserPoolType(pool: UserPoolRecord, accountId: string, estimatedNumberOfUsers: number): UserPoolType {
  const { MfaFactors: _onlyInMfaConfig, ...described } = pool.config;
  return {
    Id: pool.id,
    Name: pool.name,
    ...described,
    LastModifiedDate: pool.lastModifiedAt,
    CreationDate: pool.createdAt,
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
    Arn: poolArn(pool, accountId),
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
  if (pool === undefined || pool.region !== region) throw poolNotFound(poolId);
  return pool;
}

/**
 * DeleteUserPool: the pool and everything in it (clients, users, groups, messages, keys) are removed, unless
 * deletion protection is on.
 */
export async function deleteUserPool(store: Store, pool: UserPoolRecord): Promise<void> {
  if (pool.config.DeletionProtection === "ACTIVE") throw deletionProtectionActive();
  await store.pools.delete(pool.id);
}

/**
 * The pool of that id whatever its region: unsigned paths (JWKS, discovery, the control API) name no region.
 * Their ids come from a URL, unchecked by the model's validator: an id the model's UserPoolIdType refuses
 * (a NUL, which PostgreSQL cannot even compare) names no pool.
 */
export async function requirePoolInAnyRegion(store: Store, poolId: string): Promise<UserPoolRecord> {
  if (!isPoolIdShaped(poolId)) throw poolNotFound(poolId);
  const pool = await store.pools.get(poolId);
  if (pool === undefined) throw poolNotFound(poolId);
  return pool;
}

function isPoolIdShaped(poolId: string): boolean {
  const shape = shapes.UserPoolIdType as StringShape;
  const length = [...poolId].length;
  return length >= (shape.min ?? 0) && length <= (shape.max ?? Infinity) && new RegExp(shape.pattern ?? "", "u").test(poolId);
}

/** The replaced settings with Cognito's defaults where the request has none. */
function replacedSettings(request: SharedSettings): Pick<PoolConfig, (typeof REPLACED_SETTINGS)[number]> {
  const temporaryPasswordDays =
    positive(request.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays) ??
    temporaryValidityDaysOrDefault(request.AdminCreateUserConfig?.UnusedAccountValidityDays);
  return {
    Policies: {
      PasswordPolicy: storedPasswordPolicy(request.Policies?.PasswordPolicy, temporaryPasswordDays),
      SignInPolicy: request.Policies?.SignInPolicy ?? { AllowedFirstAuthFactors: ["PASSWORD"] },
    },
    DeletionProtection: request.DeletionProtection ?? "INACTIVE",
    LambdaConfig: storedLambdaConfig(request.LambdaConfig),
    ...verificationMessages(request),
    MfaConfiguration: request.MfaConfiguration ?? "OFF",
    EmailConfiguration: { EmailSendingAccount: "COGNITO_DEFAULT", ...request.EmailConfiguration },
    // The legacy validity of invitations always equals the temporary-password validity.
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      ...request.AdminCreateUserConfig,
      UnusedAccountValidityDays: temporaryPasswordDays,
    },
    ...pickGiven(request, [
      "AutoVerifiedAttributes",
      "SmsAuthenticationMessage",
      "UserAttributeUpdateSettings",
      "DeviceConfiguration",
      "SmsConfiguration",
      "UserPoolAddOns",
      "AccountRecoverySetting",
    ]),
  };
}

/**
 * The stored policy: every default filled in, as DescribeUserPool reports it. A policy given without a
 * character class does not require it (behaviour.md "Password policy and history"): clients such as
 * Terraform's provider leave false members out.
 */
function storedPasswordPolicy(given: PasswordPolicyType | undefined, temporaryPasswordDays: number): PasswordPolicyType {
  const classes = given === undefined ? {} : { RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false };
  const { PasswordHistorySize, ...policy } = withPasswordPolicyDefaults({ ...classes, ...given, TemporaryPasswordValidityDays: temporaryPasswordDays });
  // A history of 0 is no history, and Cognito does not report it.
  return PasswordHistorySize > 0 ? { ...policy, PasswordHistorySize } : policy;
}

/**
 * The verification template, with the legacy top-level messages and the template's members mirroring
 * each other: a value given in either place is reported in both.
 */
function verificationMessages(
  request: SharedSettings,
): Pick<
  PoolConfig,
  "VerificationMessageTemplate" | "SmsVerificationMessage" | "EmailVerificationMessage" | "EmailVerificationSubject"
> {
  const given = request.VerificationMessageTemplate ?? {};
  const template: VerificationMessageTemplateType = {
    SmsMessage: given.SmsMessage ?? request.SmsVerificationMessage,
    EmailMessage: given.EmailMessage ?? request.EmailVerificationMessage,
    EmailSubject: given.EmailSubject ?? request.EmailVerificationSubject,
    EmailMessageByLink: given.EmailMessageByLink,
    EmailSubjectByLink: given.EmailSubjectByLink,
    DefaultEmailOption: given.DefaultEmailOption ?? "CONFIRM_WITH_CODE",
  };
  return withoutUndefined({
    SmsVerificationMessage: template.SmsMessage,
    EmailVerificationMessage: template.EmailMessage,
    EmailVerificationSubject: template.EmailSubject,
    VerificationMessageTemplate: withoutUndefined(template),
  });
}

/** MFA by SMS needs a way to send SMS and verified phone numbers to send them to. */
function sendsSmsCodes(config: PoolConfig): boolean {
  return config.SmsConfiguration !== undefined && (config.AutoVerifiedAttributes ?? []).includes("phone_number");
}

/** Features the pool's tier does not include are refused, naming the tier. */
function checkTierFeatures(config: PoolConfig): void {
  const tier = config.UserPoolTier ?? DEFAULT_TIER;
  if (tier === "LITE" && (config.Policies?.PasswordPolicy?.PasswordHistorySize ?? 0) > 0) throw passwordHistoryNotInLite();
  const threatProtection = config.UserPoolAddOns?.AdvancedSecurityMode ?? "OFF";
  if (tier !== "PLUS" && threatProtection !== "OFF") throw featureNotInTier(tier, "Threat Protection");
}

function pickGiven<T extends object, K extends keyof T>(source: T, names: readonly K[]): Partial<Pick<T, K>> {
  return withoutUndefined(Object.fromEntries(names.map((name) => [name, source[name]])) as Partial<Pick<T, K>>);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list === undefined || list.length === 0 ? undefined : list;
}

/** 0 stands for "not set" in Cognito's day counts. */
function positive(value: number | undefined): number | undefined {
  return value === undefined || value <= 0 ? undefined : value;
}

/**
 * The UpdateUserPool request that leaves a described pool as it is: every replaced setting it holds, so a
 * caller changing one setting (the console) does not reset the others to their defaults.
 */
export function updateRequestKeeping(pool: UserPoolType & { Id: string }): UpdateUserPoolRequest & { UserPoolId: string } {
  const request: UpdateUserPoolRequest & { UserPoolId: string } = { UserPoolId: pool.Id };
  for (const name of REPLACED_SETTINGS) {
    if (pool[name] !== undefined) Object.assign(request, { [name]: pool[name] });
  }
  return request;
}
