import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { saveUserMfa, withMfaOptions } from "../../../domain/mfa/userMfa.js";

export const setUserSettings = defineOperation("SetUserSettings", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  await saveUserMfa(deps.store, withMfaOptions(pool, user, input.MFAOptions, ctx.now));
  return {};
});
