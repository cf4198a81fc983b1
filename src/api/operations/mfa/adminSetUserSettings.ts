import { defineOperation } from "../../types.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { saveUserMfa, withMfaOptions } from "../../../domain/mfa/userMfa.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminSetUserSettings = defineOperation("AdminSetUserSettings", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const user = await requireUser(deps.store, pool, input.Username);
  await saveUserMfa(deps.store, withMfaOptions(pool, user, input.MFAOptions, ctx.now));
  return {};
});
