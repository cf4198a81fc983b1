/*
 * The vocabulary of the --rate-limits setting: Cognito's quota categories with their default rates
 * (Amazon Cognito Developer Guide, "Quotas in Amazon Cognito"). Which operation counts in which category
 * is the throttle's business (src/api/throttle/categories.ts).
 */

/** Every quota category, with its default rate in requests per second. */
export const defaultRates = {
  UserAuthentication: 120,
  UserCreation: 50,
  /** The federation endpoints (`/oauth2/idpresponse`, `/saml2/idpresponse`); no API operation. */
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  /** `client_credentials` requests to the token endpoint; no API operation. */
  ClientAuthentication: 150,
  /** GetProvisionedLimit and UpdateProvisionedLimit; name and rate as quoted from the live guide by another emulator. */
  LimitManagement: 1,
} as const satisfies Record<string, number>;

export type QuotaCategory = keyof typeof defaultRates;

export const quotaCategories = Object.keys(defaultRates) as readonly QuotaCategory[];

export function isQuotaCategory(name: string): name is QuotaCategory {
  return Object.hasOwn(defaultRates, name);
}

/** Requests per second by quota category; a category that is absent is not throttled. */
export type RateLimits = Readonly<Partial<Record<QuotaCategory, number>>>;

/** The limits in force: AWS's defaults overridden by the setting in secure mode, only the setting in dev mode. */
export function effectiveRateLimits(setting: RateLimits | undefined, secureMode: boolean): RateLimits {
  return secureMode ? { ...defaultRates, ...setting } : { ...setting };
}
