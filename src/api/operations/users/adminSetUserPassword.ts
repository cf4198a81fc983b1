import { defineOperation } from "../../types.js";
import { ADMIN_POLICY_PREFIX } from "../../../errors/catalogue.js";
import { setPassword } from "../../../domain/passwords/setPassword.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminSetUserPassword = defineOperation("AdminSetUserPassword", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const user = await requireUser(deps.store, pool, input.Username);
  // Cognito documents an omitted Permanent as a temporary password.
  const permanent = input.Permanent ?? false;
  ctx.audit?.setUser(user.username);
  ctx.audit?.note({ permanent });
  await setPassword(deps, {
    pool,
    user,
    password: input.Password,
    permanent,
    prefix: ADMIN_POLICY_PREFIX,
    now: ctx.now,
  });
  return {};
});
