import { CognitoError } from "../../errors/cognitoError.js";
import { DEFAULT_PAGE_SIZE } from "../pagination.js";


const LIMIT_ZERO_MESSAGE =
  "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: " +
  "Member must have value greater than or equal to 1";

/** The page size of ListGroups, AdminListGroupsForUser and ListUsersInGroup for their Limit member. */
export function groupPageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  // The model allows 0, but Cognito's service rejects it, naming an internal member (aws/aws-sdk-js#2193).
  if (limit === 0) throw new CognitoError("InvalidParameterException", LIMIT_ZERO_MESSAGE);
  return limit;
}
