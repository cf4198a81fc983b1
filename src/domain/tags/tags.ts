import type { ListTagsForResourceResponse } from "@aws-sdk/client-cognito-identity-provider";
import { invalidResourceArn, poolNotFound, tooManyTags } from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import type { UserPoolRecord } from "../pools/types.js";

/** "A user pool can have as many as 50 tags" (TagResource's API reference). */
export const MAX_POOL_TAGS = 50;

/** The only taggable resource: `arn:<partition>:cognito-idp:<region>:<account>:userpool/<pool id>`. */
const POOL_ARN = /^arn:[\w-]+:cognito-idp:([\w-]+):(\d+):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/**
 * The pool a tagging request's ARN names. An ARN that is no user pool's is a bad parameter; a pool ARN of
 * another region or account, like one of a deleted pool, names a pool that does not exist
 * (docs/behaviour.md#tags).
 */
export async function requireTaggedPool(
  store: Store,
  resourceArn: string,
  scope: { region: string; accountId: string },
): Promise<UserPoolRecord> {
  const parsed = POOL_ARN.exec(resourceArn);
  if (parsed === null) throw invalidResourceArn(resourceArn);
  const [, region, accountId, poolId] = parsed as unknown as [string, string, string, string];
  const pool = region === scope.region && accountId === scope.accountId ? await store.pools.get(poolId) : undefined;
  if (pool === undefined || pool.region !== scope.region) throw poolNotFound(poolId);
  return pool;
}

/** The pool id a pool ARN names; undefined for an ARN that is no user pool's. */
export function poolIdOfArn(resourceArn: string): string | undefined {
  return POOL_ARN.exec(resourceArn)?.[3];
}

/** A pool's tags after TagResource: given keys take the given values, others stay. */
export function withTags(pool: UserPoolRecord, tags: Record<string, string>): UserPoolRecord {
  const UserPoolTags = checkedTags({ ...pool.config.UserPoolTags, ...tags });
  return { ...pool, config: { ...pool.config, UserPoolTags } };
}

/** A pool's tags after UntagResource: keys it does not have are ignored. */
export function withoutTags(pool: UserPoolRecord, keys: readonly string[]): UserPoolRecord {
  const UserPoolTags = Object.fromEntries(
    Object.entries(pool.config.UserPoolTags ?? {}).filter(([key]) => !keys.includes(key)),
  );
  return { ...pool, config: { ...pool.config, UserPoolTags } };
}

export function tagsOf(pool: UserPoolRecord): Required<ListTagsForResourceResponse>["Tags"] {
  return pool.config.UserPoolTags ?? {};
}

/** Refuses a tag set larger than a pool may carry; every way of setting tags goes through it. */
export function checkedTags(tags: Record<string, string>): Record<string, string> {
  if (Object.keys(tags).length > MAX_POOL_TAGS) throw tooManyTags(MAX_POOL_TAGS);
  return tags;
}
