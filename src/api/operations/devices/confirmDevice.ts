import { defineOperation } from "../../types.js";
import { confirmDevice as confirm } from "../../../domain/devices/devices.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";

export const confirmDevice = defineOperation("ConfirmDevice", async (input, deps, ctx) => {
  // Unsigned: the access token names the pool and the user.
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return confirm(deps.store, {
    pool,
    user,
    deviceKey: input.DeviceKey,
    verifier: input.DeviceSecretVerifierConfig,
    name: input.DeviceName,
    now: ctx.now,
  });
});
