import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { ownProfile } from "../../../domain/users/self.js";

export const getUser = defineOperation("GetUser", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  return ownProfile(await authenticateAccessToken(deps, input.AccessToken, ctx.now));
});
