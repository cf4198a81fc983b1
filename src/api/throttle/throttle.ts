import { rateExceeded } from "../../errors/catalogue.js";
import type { OperationName } from "../../model/operations.gen.js";
import type { RateLimitStore } from "../../domain/ports/store.js";
import type { QuotaCategory, RateLimits } from "../../config/rateLimits.js";
import { CHALLENGE_QUOTA_FACTOR, challengeOperations, operationCategories } from "./categories.js";

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

/**
 * Takes one token from a category's bucket for a request that is no API operation (the OAuth 2.0 endpoints);
 * false when the category is over its quota.
 */
export async function takeCategoryRate(
  store: RateLimitStore,
  limits: RateLimits,
  category: QuotaCategory,
  region: string,
  now: Date,
): Promise<boolean> {
  const rate = limits[category];
  return rate === undefined || take(store, `${region}:${category}`, rate, now);
}

function take(store: RateLimitStore, bucket: string, rate: number, now: Date): Promise<boolean> {
  // A rate below one request per second still lets one request through.
  return store.take(bucket, rate, Math.max(rate, 1), now);
}
