import { defineOperation } from "../../types.js";
import { verifyAttribute } from "../../../domain/codes/attributeVerification.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";

export const verifyUserAttribute = defineOperation("VerifyUserAttribute", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  await verifyAttribute(deps, { pool, user, attributeName: input.AttributeName, code: input.Code, now: ctx.now });
  return {};
});
