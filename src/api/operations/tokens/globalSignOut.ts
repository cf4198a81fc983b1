import { defineOperation } from "../../types.js";
import { signOutWithAccessToken } from "../../../domain/tokens/revocation.js";

export const globalSignOut = defineOperation("GlobalSignOut", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  await signOutWithAccessToken(deps, input.AccessToken, ctx.now);
  return {};
});
