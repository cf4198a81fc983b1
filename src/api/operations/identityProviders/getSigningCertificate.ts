import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { certificateBody, poolSamlCertificate } from "../../../domain/federation/samlCertificate.js";

/** The pool's SAML certificate, made at the first request that needs it (docs/behaviour.md#saml-federation). */
export const getSigningCertificate = defineOperation("GetSigningCertificate", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  return { Certificate: certificateBody((await poolSamlCertificate(deps, pool.id, ctx.now)).certificatePem) };
});
