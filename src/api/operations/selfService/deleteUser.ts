import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { deleteOwnAccount } from "../../../domain/users/self.js";

export const deleteUser = defineOperation("DeleteUser", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  await deleteOwnAccount(deps, await authenticateAccessToken(deps, input.AccessToken, ctx.now));
  return {};
});
