import { defineOperation } from "../../types.js";
import { updateDeviceStatus as update } from "../../../domain/devices/devices.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";

export const updateDeviceStatus = defineOperation("UpdateDeviceStatus", async (input, deps, ctx) => {
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return update(deps.store, { pool, user, deviceKey: input.DeviceKey, status: input.DeviceRememberedStatus, now: ctx.now });
});
