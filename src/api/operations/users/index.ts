import type { OperationTable } from "../../types.js";
import { adminConfirmSignUp } from "./adminConfirmSignUp.js";
import { adminCreateUser } from "./adminCreateUser.js";
import { adminDeleteUser } from "./adminDeleteUser.js";
import { adminDeleteUserAttributes } from "./adminDeleteUserAttributes.js";
import { adminDisableProviderForUser } from "./adminDisableProviderForUser.js";
import { adminDisableUser } from "./adminDisableUser.js";
import { adminEnableUser } from "./adminEnableUser.js";
import { adminGetUser } from "./adminGetUser.js";
import { adminLinkProviderForUser } from "./adminLinkProviderForUser.js";
import { adminResetUserPassword } from "./adminResetUserPassword.js";
import { adminSetUserPassword } from "./adminSetUserPassword.js";
import { adminUpdateUserAttributes } from "./adminUpdateUserAttributes.js";
import { listUsers } from "./listUsers.js";

/** The users family: one line per operation, keyed by the handler's own operation name. */
export const usersOperations = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableProviderForUser: adminDisableProviderForUser,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminLinkProviderForUser: adminLinkProviderForUser,
  AdminResetUserPassword: adminResetUserPassword,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  ListUsers: listUsers,
} satisfies OperationTable;
