import { defineOperation } from "../../types.js";
import { forgotPassword as sendResetCode } from "../../../domain/users/lifecycle.js";

export const forgotPassword = defineOperation("ForgotPassword", async (input, deps, ctx) => ({
  CodeDeliveryDetails: await sendResetCode(deps, input, ctx.now),
}));
