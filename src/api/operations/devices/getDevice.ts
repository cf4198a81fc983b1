import { defineOperation } from "../../types.js";
import { requireDevice, toDeviceType } from "../../../domain/devices/devices.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { missingRequiredParameter } from "../../../errors/catalogue.js";

export const getDevice = defineOperation("GetDevice", async (input, deps, ctx) => {
  if (input.AccessToken === undefined) throw missingRequiredParameter("AccessToken");
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return { Device: toDeviceType(await requireDevice(deps.store, pool, user, input.DeviceKey)) };
});
