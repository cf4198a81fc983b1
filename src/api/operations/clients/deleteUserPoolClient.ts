import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { clientNotFound } from "../../../errors/catalogue.js";

export const deleteUserPoolClient = defineOperation("DeleteUserPoolClient", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  if (!(await deps.store.clients.delete(pool.id, input.ClientId))) throw clientNotFound(input.ClientId);
  return {};
});
