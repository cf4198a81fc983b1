import { rateExceeded } from "../../errors/catalogue.js";
import type { OperationName } from "../../model/operations.gen.js";
import type { RateLimitStore } from "../../domain/ports/store.js";
import {
  CHALLENGE_QUOTA_FACTOR,
  challengeOperations,
  defaultRates,
  operationCategories,
  type QuotaCategory,
} from "./categories.js";

/** Requests per second by quota category; a category that is absent is not throttled. */
export type RateLimits = Readonly<Partial<Record<QuotaCategory, number>>>;

/** The limits in force: AWS's defaults overridden by the setting in secure mode, only the setting in dev mode. */
export function effectiveRateLimits(setting: RateLimits | undefined, secureMode: boolean): RateLimits {
  return secureMode ? { ...defaultRates, ...setting } : { ...setting };
}

/** The bucket of the challenge answers' own quota (AWS gives it no name). */
const CHALLENGE_BUCKET = "UserAuthenticationChallenge";

/**
 * Takes one token for the operation from its category's bucket, or throws what Cognito answers over quota.
 * Buckets are named `<region>:<category>`, as AWS counts per account and Region (one account per
 * deployment), and hold one second's worth of requests. Challenge answers draw first from their own bucket
 * at three times the UserAuthentication rate, then from UserAuthentication.
 */
export async function checkRate(
  store: RateLimitStore,
  limits: RateLimits,
  operation: OperationName,
  region: string,
  now: Date,
): Promise<void> {
  const category = operationCategories[operation];
  const rate = limits[category];
  if (rate === undefined) return;
  if (challengeOperations.has(operation) && (await take(store, `${region}:${CHALLENGE_BUCKET}`, rate * CHALLENGE_QUOTA_FACTOR, now))) {
    return;
  }
  if (!(await take(store, `${region}:${category}`, rate, now))) throw rateExceeded();
}

function take(store: RateLimitStore, bucket: string, rate: number, now: Date): Promise<boolean> {
  // A rate below one request per second still lets one request through.
  return store.take(bucket, rate, Math.max(rate, 1), now);
}
