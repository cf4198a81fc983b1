import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { mfaSetupSessionOwner, requireCredential, verifySoftwareToken as verify } from "../../../domain/mfa/softwareToken.js";

export const verifySoftwareToken = defineOperation("VerifySoftwareToken", async (input, deps, ctx) => {
  // Unsigned: the access token, or the MFA_SETUP session of a sign-in, names the pool and the user.
  const owner =
    input.AccessToken !== undefined
      ? await authenticateAccessToken(deps, input.AccessToken, ctx.now)
      : await mfaSetupSessionOwner(deps.store, requireCredential(input.Session), ctx.now);
  const request = { code: input.UserCode, ...(input.FriendlyDeviceName === undefined ? {} : { friendlyDeviceName: input.FriendlyDeviceName }) };
  return verify(deps.store, owner, request, ctx.now);
});
