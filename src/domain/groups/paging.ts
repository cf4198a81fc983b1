import { groupPageLimitZero } from "../../errors/catalogue.js";

/**
 * Items per page when a group listing omits Limit. Cognito documents only the 0–60 range; 25 is what its
 * list operations are observed to return (aws/aws-sdk-js-v3#7013).
 */
export const DEFAULT_GROUP_PAGE_SIZE = 25;

/** The page size of ListGroups, AdminListGroupsForUser and ListUsersInGroup for their Limit member. */
export function groupPageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_GROUP_PAGE_SIZE;
  // The model allows 0, but Cognito's service rejects it (see groupPageLimitZero).
  if (limit === 0) throw groupPageLimitZero();
  return limit;
}
