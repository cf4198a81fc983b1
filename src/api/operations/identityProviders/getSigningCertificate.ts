import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { samlSigningCertificate } from "../../../domain/identityProviders/signingCertificate.js";

export const getSigningCertificate = defineOperation("GetSigningCertificate", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { Certificate: await samlSigningCertificate(deps, pool.id, ctx.now) };
});
