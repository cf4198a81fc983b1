import { defineOperation } from "../../types.js";
import { forgetDevice as forget } from "../../../domain/devices/devices.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";
import { missingRequiredParameter } from "../../../errors/catalogue.js";

export const forgetDevice = defineOperation("ForgetDevice", async (input, deps, ctx) => {
  if (input.AccessToken === undefined) throw missingRequiredParameter("AccessToken");
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return forget(deps.store, { pool, user, deviceKey: input.DeviceKey });
});
