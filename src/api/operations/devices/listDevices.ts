import { defineOperation } from "../../types.js";
import { listDevices as list } from "../../../domain/devices/devices.js";
import { authenticateAccessToken } from "../../../domain/tokens/accessToken.js";

export const listDevices = defineOperation("ListDevices", async (input, deps, ctx) => {
  const { pool, user } = await authenticateAccessToken(deps, input.AccessToken, ctx.now);
  return list(deps.store, { pool, user, limit: input.Limit, paginationToken: input.PaginationToken });
});
