import { defineOperation } from "../../types.js";
import { confirmForgotPassword as resetWithCode } from "../../../domain/users/lifecycle.js";

export const confirmForgotPassword = defineOperation("ConfirmForgotPassword", async (input, deps, ctx) => {
  await resetWithCode(deps, input, ctx.now);
  return {};
});
