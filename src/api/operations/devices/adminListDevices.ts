import { defineOperation } from "../../types.js";
import { listDevices } from "../../../domain/devices/devices.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { findUser } from "../../../domain/users/resolve.js";
import { asResourceNotFound, userNotFound } from "../../../errors/catalogue.js";

export const adminListDevices = defineOperation("AdminListDevices", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  // Its model lists no UserNotFoundException (docs/behaviour.md#devices).
  const user = await findUser(deps.store, pool, input.Username);
  if (user === undefined) throw asResourceNotFound(userNotFound());
  return listDevices(deps.store, { pool, user, limit: input.Limit, paginationToken: input.PaginationToken });
});
