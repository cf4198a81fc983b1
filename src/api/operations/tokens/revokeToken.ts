import { defineOperation } from "../../types.js";
import { revokeTokenOfClient } from "../../../domain/tokens/revocation.js";

export const revokeToken = defineOperation("RevokeToken", async (input, deps, ctx) => {
  // Unsigned: the client id names the pool.
  await revokeTokenOfClient(deps.store, { clientId: input.ClientId, clientSecret: input.ClientSecret, token: input.Token, now: ctx.now });
  return {};
});
