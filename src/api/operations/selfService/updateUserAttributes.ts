import { defineOperation } from "../../types.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { updateOwnAttributes } from "../../../domain/users/self.js";

export const updateUserAttributes = defineOperation("UpdateUserAttributes", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user. ClientMetadata would go to Lambda triggers, which Cognate has none of.
  const signedIn = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  const delivered = await updateOwnAttributes(deps, signedIn, input.UserAttributes, ctx.now);
  return delivered.length === 0 ? {} : { CodeDeliveryDetailsList: delivered };
});
