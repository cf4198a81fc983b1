import { defineOperation } from "../../types.js";
import { requireDevice, toDeviceType } from "../../../domain/devices/devices.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { findUser } from "../../../domain/users/resolve.js";
import { asResourceNotFound, userNotFound } from "../../../errors/catalogue.js";

export const adminGetDevice = defineOperation("AdminGetDevice", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  // Its model lists no UserNotFoundException (docs/behaviour.md#devices).
  const user = await findUser(deps.store, pool, input.Username);
  if (user === undefined) throw asResourceNotFound(userNotFound());
  return { Device: toDeviceType(await requireDevice(deps.store, pool, user, input.DeviceKey)) };
});
