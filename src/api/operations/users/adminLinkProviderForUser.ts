import { defineOperation } from "../../types.js";
import { linkProviderForUser } from "../../../domain/federation/linking.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminLinkProviderForUser = defineOperation("AdminLinkProviderForUser", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  await linkProviderForUser(deps.store, pool, { destination: input.DestinationUser, source: input.SourceUser, now: ctx.now });
  return {};
});
