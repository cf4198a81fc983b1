import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import {
  associateSoftwareToken as associate,
  mfaSetupSessionOwner,
  requireCredential,
} from "../../../domain/mfa/softwareToken.js";

export const associateSoftwareToken = defineOperation("AssociateSoftwareToken", async (input, deps, ctx) => {
  // Unsigned: the access token, or the MFA_SETUP session of a sign-in, names the pool and the user.
  const owner =
    input.AccessToken !== undefined
      ? await authenticateAccessToken(deps, input.AccessToken, ctx.now)
      : await mfaSetupSessionOwner(deps.store, requireCredential(input.Session), ctx.now);
  return associate(deps, owner, ctx.now);
});
