import { defineOperation } from "../../types.js";
import { confirmSignUpWithCode } from "../../../domain/users/signUp.js";

export const confirmSignUp = defineOperation("ConfirmSignUp", async (input, deps, ctx) => {
  await confirmSignUpWithCode(deps, input, ctx.now);
  return {};
});
