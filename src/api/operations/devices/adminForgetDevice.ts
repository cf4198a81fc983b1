import { defineOperation } from "../../types.js";
import { forgetDevice } from "../../../domain/devices/devices.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminForgetDevice = defineOperation("AdminForgetDevice", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const user = await requireUser(deps.store, pool, input.Username);
  return forgetDevice(deps.store, { pool, user, deviceKey: input.DeviceKey });
});
