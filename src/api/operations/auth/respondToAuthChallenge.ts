import { defineOperation } from "../../types.js";
import { unsignedClient } from "../../../domain/clients/appClient.js";
import { respondToChallenge } from "../../../domain/auth/flows.js";
import { eventContext, stepOfChallenge, withSignInEvent } from "../../../domain/authEvents/authEvents.js";

export const respondToAuthChallenge = defineOperation("RespondToAuthChallenge", async (input, deps, ctx) => {
  // Unsigned: the pool (and its region) follows from the client id.
  const { pool, client } = await unsignedClient(deps.store, input.ClientId);
  const event = {
    pool,
    username: input.ChallengeResponses?.USERNAME,
    step: stepOfChallenge(input.ChallengeName),
    context: eventContext({ IpAddress: input.UserContextData?.IpAddress }, ctx.sourceIp),
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
