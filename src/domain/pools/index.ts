export type { PoolConfig, UserPoolRecord } from "./types.js";
export { MAX_CUSTOM_ATTRIBUTES, STANDARD_ATTRIBUTES, type PoolAttribute } from "./schema.js";
export {
  DEFAULT_TIER,
  aliasAttributes,
  allowsAdminCreateUserOnly,
  autoVerifiedAttributes,
  isCaseSensitive,
  mfaConfiguration,
  passwordHistorySize,
  passwordPolicy,
  requiredAttributes,
  schemaAttribute,
  schemaAttributes,
  temporaryPasswordValidityDays,
  userPoolTier,
  usernameAttributes,
} from "./settings.js";
export {
  newPoolId,
  newUserPool,
  poolArn,
  requirePool,
  requirePoolInAnyRegion,
  toUserPoolDescription,
  toUserPoolType,
  updatedUserPool,
  withCustomAttributes,
} from "./userPool.js";
