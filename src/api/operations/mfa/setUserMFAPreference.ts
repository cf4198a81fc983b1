import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { saveUserMfa, withMfaPreference } from "../../../domain/mfa/userMfa.js";

export const setUserMFAPreference = defineOperation("SetUserMFAPreference", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  await saveUserMfa(deps.store, withMfaPreference(pool, user, input, ctx.now));
  return {};
});
