import { defineOperation } from "../../types.js";
import { unsignedClient } from "../../../domain/clients/appClient.js";
import { respondToChallenge } from "../../../domain/auth/flows.js";

export const respondToAuthChallenge = defineOperation("RespondToAuthChallenge", async (input, deps, ctx) => {
  // Unsigned: the pool (and its region) follows from the client id.
  const { pool, client } = await unsignedClient(deps.store, input.ClientId);
  return respondToChallenge({ ...deps, triggerCall: { clientMetadata: input.ClientMetadata, answering: input.ChallengeName } }, {
    pool,
    client,
    challenge: input.ChallengeName,
    session: input.Session,
    responses: input.ChallengeResponses,
    now: ctx.now,
  });
});
