import { defineOperation } from "../../types.js";
import { resendConfirmationCode as resendCode } from "../../../domain/users/signUp.js";

export const resendConfirmationCode = defineOperation("ResendConfirmationCode", async (input, deps, ctx) => ({
  CodeDeliveryDetails: await resendCode(deps, input, ctx.now),
}));
