import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { userAuthFactors } from "../../../domain/mfa/authFactors.js";

export const getUserAuthFactors = defineOperation("GetUserAuthFactors", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return userAuthFactors(pool, user);
});
