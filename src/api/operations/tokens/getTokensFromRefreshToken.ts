import { defineOperation } from "../../types.js";
import { unsignedClient } from "../../../domain/clients/appClient.js";
import { checkClientSecret } from "../../../domain/tokens/clientSecret.js";
import { checkRefreshDevice } from "../../../domain/devices/devices.js";
import { resolveRefreshToken, tokensFromRefreshToken } from "../../../domain/tokens/issue.js";

export const getTokensFromRefreshToken = defineOperation("GetTokensFromRefreshToken", async (input, deps, ctx) => {
  // Unsigned: the client id names the pool.
  const { pool, client } = await unsignedClient(deps.store, input.ClientId);
  checkClientSecret(client, input.ClientSecret, "NotAuthorizedException");
  const token = await resolveRefreshToken(deps, { pool, client, refreshToken: input.RefreshToken, now: ctx.now });
  await checkRefreshDevice(deps.store, { token, deviceKey: input.DeviceKey, presentedOnly: true });
  const withMetadata = { ...deps, triggerCall: { clientMetadata: input.ClientMetadata } };
  return { AuthenticationResult: await tokensFromRefreshToken(withMetadata, { pool, client, token, now: ctx.now, tokenSource: "RefreshTokens" }) };
});
