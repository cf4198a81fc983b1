import { defineOperation } from "../../types.js";
import { rateAuthEvent } from "../../../domain/authEvents/authEvents.js";
import { requirePoolInAnyRegion } from "../../../domain/pools/userPool.js";
import { requireThreatProtection } from "../../../domain/risk/riskConfiguration.js";
import { requireUser } from "../../../domain/users/resolve.js";

export const updateAuthEventFeedback = defineOperation("UpdateAuthEventFeedback", async (input, deps, ctx) => {
  // Unsigned: the request names no region, so the pool is found by its id alone.
  const pool = await requirePoolInAnyRegion(deps.store, input.UserPoolId);
  requireThreatProtection(pool);
  const user = await requireUser(deps.store, pool, input.Username);
  await rateAuthEvent(deps.store, { user, eventId: input.EventId, value: input.FeedbackValue, feedbackToken: input.FeedbackToken, now: ctx.now });
  return {};
});
