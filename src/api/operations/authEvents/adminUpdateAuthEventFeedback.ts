import { defineOperation } from "../../types.js";
import { rateAuthEvent } from "../../../domain/authEvents/authEvents.js";
import { requirePool } from "../../../domain/pools/userPool.js";
import { requireThreatProtection } from "../../../domain/risk/riskConfiguration.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const adminUpdateAuthEventFeedback = defineOperation("AdminUpdateAuthEventFeedback", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  requireThreatProtection(pool);
  const user = await requireUser(deps.store, pool, input.Username);
  await rateAuthEvent(deps.store, { user, eventId: input.EventId, value: input.FeedbackValue, now: ctx.now });
  return {};
});
