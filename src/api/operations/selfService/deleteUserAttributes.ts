import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { deleteOwnAttributes } from "../../../domain/users/self.js";

export const deleteUserAttributes = defineOperation("DeleteUserAttributes", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const signedIn = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  await deleteOwnAttributes(deps, signedIn, input.UserAttributeNames, ctx.now);
  return {};
});
