import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { csvHeader } from "../../../domain/users/importUsers.js";

export const getCSVHeader = defineOperation("GetCSVHeader", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { UserPoolId: pool.id, CSVHeader: csvHeader(pool) };
});
