import type { OperationTable } from "../../types.js";
import { changePassword } from "./changePassword.js";
import { confirmForgotPassword } from "./confirmForgotPassword.js";
import { confirmSignUp } from "./confirmSignUp.js";
import { deleteUser } from "./deleteUser.js";
import { deleteUserAttributes } from "./deleteUserAttributes.js";
import { forgotPassword } from "./forgotPassword.js";
import { getUser } from "./getUser.js";
import { getUserAttributeVerificationCode } from "./getUserAttributeVerificationCode.js";
import { resendConfirmationCode } from "./resendConfirmationCode.js";
import { signUp } from "./signUp.js";
import { updateUserAttributes } from "./updateUserAttributes.js";
import { verifyUserAttribute } from "./verifyUserAttribute.js";

/** The selfService family: one line per operation, keyed by the handler's own operation name. */
export const selfServiceOperations = {
  ChangePassword: changePassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ConfirmSignUp: confirmSignUp,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
  ForgotPassword: forgotPassword,
  GetUser: getUser,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  ResendConfirmationCode: resendConfirmationCode,
  SignUp: signUp,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
} satisfies OperationTable;
