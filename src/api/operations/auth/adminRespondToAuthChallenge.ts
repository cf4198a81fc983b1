import { defineOperation } from "../../types.js";
import { respondToChallenge } from "../../../domain/auth/flows.js";
import { adminContext, eventContext, stepOfChallenge, withSignInEvent } from "../../../domain/authEvents/authEvents.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminRespondToAuthChallenge = defineOperation("AdminRespondToAuthChallenge", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  const event = {
    pool,
    username: input.ChallengeResponses?.USERNAME,
    step: stepOfChallenge(input.ChallengeName),
    context: eventContext(adminContext(input.ContextData), ctx.sourceIp),
    now: ctx.now,
  };
  return withSignInEvent(deps, event, () =>
    respondToChallenge({ ...deps, triggerCall: { clientMetadata: input.ClientMetadata, answering: input.ChallengeName } }, {
      pool,
      client,
      challenge: input.ChallengeName,
      session: input.Session,
      responses: input.ChallengeResponses,
      now: ctx.now,
      sourceIp: ctx.sourceIp,
    }),
  );
});
