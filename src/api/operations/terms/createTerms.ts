import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { newTerms, storeTerms, toTermsType } from "../../../domain/terms/terms.js";

export const createTerms = defineOperation("CreateTerms", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  const terms = newTerms(input, { poolId: pool.id, clientId: client.clientId, random: deps.random, now: ctx.now });
  await storeTerms(deps.store, terms, "create");
  return { Terms: toTermsType(terms) };
});
