import { groupPageLimitZero } from "../../errors/catalogue.js";
import { DEFAULT_PAGE_SIZE } from "../pagination.js";

/** The page size of ListGroups, AdminListGroupsForUser and ListUsersInGroup for their Limit member. */
export function groupPageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  // The model allows 0, but Cognito's service rejects it (see groupPageLimitZero).
  if (limit === 0) throw groupPageLimitZero();
  return limit;
}
