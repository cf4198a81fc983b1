import { defineOperation } from "../../types.js";
import { sendAttributeVerificationCode } from "../../../domain/codes/attributeVerification.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";

export const getUserAttributeVerificationCode = defineOperation("GetUserAttributeVerificationCode", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  const details = await sendAttributeVerificationCode(deps, { pool, user, attributeName: input.AttributeName, now: ctx.now });
  return { CodeDeliveryDetails: details };
});
