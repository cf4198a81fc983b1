import type { AdminGetUserResponse, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { mfaSettingsOf } from "../mfa/userMfa.js";
import { toAttributeList } from "./attributes.js";
import type { UserRecord } from "./types.js";

/**
 * A user as AdminCreateUser, ListUsers and ListUsersInGroup return it. MFA fields are left out: Cognito
 * omits them for a user without MFA settings.
 */
export function toUserType(user: UserRecord): UserType {
  return {
    Username: user.username,
    Attributes: toAttributeList(user.attributes),
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.lastModifiedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** A user as AdminGetUser returns it: the same facts, attributes under `UserAttributes`, and MFA settings if any. */
export function toGetUserResponse(user: UserRecord): AdminGetUserResponse {
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user.attributes),
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.lastModifiedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaSettingsOf(user),
  };
}
