import type { OperationTable } from "./types.js";
import { addCustomAttributes } from "./operations/addCustomAttributes.js";
import { adminAddUserToGroup } from "./operations/adminAddUserToGroup.js";
import { adminConfirmSignUp } from "./operations/adminConfirmSignUp.js";
import { adminCreateUser } from "./operations/adminCreateUser.js";
import { adminDeleteUser } from "./operations/adminDeleteUser.js";
import { adminDeleteUserAttributes } from "./operations/adminDeleteUserAttributes.js";
import { adminDisableUser } from "./operations/adminDisableUser.js";
import { adminEnableUser } from "./operations/adminEnableUser.js";
import { adminGetUser } from "./operations/adminGetUser.js";
import { adminInitiateAuth } from "./operations/adminInitiateAuth.js";
import { adminListGroupsForUser } from "./operations/adminListGroupsForUser.js";
import { adminRemoveUserFromGroup } from "./operations/adminRemoveUserFromGroup.js";
import { adminResetUserPassword } from "./operations/adminResetUserPassword.js";
import { adminRespondToAuthChallenge } from "./operations/adminRespondToAuthChallenge.js";
import { adminSetUserPassword } from "./operations/adminSetUserPassword.js";
import { adminUpdateUserAttributes } from "./operations/adminUpdateUserAttributes.js";
import { adminUserGlobalSignOut } from "./operations/adminUserGlobalSignOut.js";
import { changePassword } from "./operations/changePassword.js";
import { confirmForgotPassword } from "./operations/confirmForgotPassword.js";
import { confirmSignUp } from "./operations/confirmSignUp.js";
import { createGroup } from "./operations/createGroup.js";
import { createUserPool } from "./operations/createUserPool.js";
import { createUserPoolClient } from "./operations/createUserPoolClient.js";
import { deleteGroup } from "./operations/deleteGroup.js";
import { deleteUser } from "./operations/deleteUser.js";
import { deleteUserAttributes } from "./operations/deleteUserAttributes.js";
import { deleteUserPool } from "./operations/deleteUserPool.js";
import { deleteUserPoolClient } from "./operations/deleteUserPoolClient.js";
import { describeUserPool } from "./operations/describeUserPool.js";
import { describeUserPoolClient } from "./operations/describeUserPoolClient.js";
import { forgotPassword } from "./operations/forgotPassword.js";
import { getGroup } from "./operations/getGroup.js";
import { getTokensFromRefreshToken } from "./operations/getTokensFromRefreshToken.js";
import { getUser } from "./operations/getUser.js";
import { getUserAttributeVerificationCode } from "./operations/getUserAttributeVerificationCode.js";
import { globalSignOut } from "./operations/globalSignOut.js";
import { initiateAuth } from "./operations/initiateAuth.js";
import { listGroups } from "./operations/listGroups.js";
import { listUserPoolClients } from "./operations/listUserPoolClients.js";
import { listUserPools } from "./operations/listUserPools.js";
import { listUsers } from "./operations/listUsers.js";
import { listUsersInGroup } from "./operations/listUsersInGroup.js";
import { resendConfirmationCode } from "./operations/resendConfirmationCode.js";
import { respondToAuthChallenge } from "./operations/respondToAuthChallenge.js";
import { revokeToken } from "./operations/revokeToken.js";
import { signUp } from "./operations/signUp.js";
import { updateGroup } from "./operations/updateGroup.js";
import { updateUserAttributes } from "./operations/updateUserAttributes.js";
import { updateUserPool } from "./operations/updateUserPool.js";
import { updateUserPoolClient } from "./operations/updateUserPoolClient.js";
import { verifyUserAttribute } from "./operations/verifyUserAttribute.js";

/** Every implemented operation, one line each; the key must be the handler's own operation. */
export const registry = {
  AddCustomAttributes: addCustomAttributes,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminInitiateAuth: adminInitiateAuth,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminResetUserPassword: adminResetUserPassword,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ConfirmSignUp: confirmSignUp,
  CreateGroup: createGroup,
  CreateUserPool: createUserPool,
  CreateUserPoolClient: createUserPoolClient,
  DeleteGroup: deleteGroup,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
  DeleteUserPool: deleteUserPool,
  DeleteUserPoolClient: deleteUserPoolClient,
  DescribeUserPool: describeUserPool,
  DescribeUserPoolClient: describeUserPoolClient,
  ForgotPassword: forgotPassword,
  GetGroup: getGroup,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GetUser: getUser,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  ListGroups: listGroups,
  ListUserPoolClients: listUserPoolClients,
  ListUserPools: listUserPools,
  ListUsers: listUsers,
  ListUsersInGroup: listUsersInGroup,
  ResendConfirmationCode: resendConfirmationCode,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
  SignUp: signUp,
  UpdateGroup: updateGroup,
  UpdateUserAttributes: updateUserAttributes,
  UpdateUserPool: updateUserPool,
  UpdateUserPoolClient: updateUserPoolClient,
  VerifyUserAttribute: verifyUserAttribute,
} satisfies OperationTable;
