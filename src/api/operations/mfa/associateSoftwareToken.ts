import { defineOperation } from "../../types.js";
import { associateSoftwareTokenFor } from "../../../domain/mfa/softwareToken.js";

export const associateSoftwareToken = defineOperation("AssociateSoftwareToken", async (input, deps, ctx) =>
  // Unsigned: the access token, or the MFA_SETUP session of a sign-in, names the pool and the user.
  associateSoftwareTokenFor(deps, { accessToken: input.AccessToken, session: input.Session }, ctx.now),
);
