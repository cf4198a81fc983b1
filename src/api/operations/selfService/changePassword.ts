import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { changeOwnPassword } from "../../../domain/users/self.js";

export const changePassword = defineOperation("ChangePassword", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const signedIn = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  await changeOwnPassword(deps, signedIn, { previous: input.PreviousPassword, proposed: input.ProposedPassword }, ctx.now);
  return {};
});
