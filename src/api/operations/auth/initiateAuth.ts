import { defineOperation } from "../../types.js";
import { unsignedClient } from "../../../domain/clients/appClient.js";
import { initiateAuth as startSignIn } from "../../../domain/auth/flows.js";
import { eventContext, signInUsername, withSignInEvent } from "../../../domain/authEvents/authEvents.js";

export const initiateAuth = defineOperation("InitiateAuth", async (input, deps, ctx) => {
  // Unsigned: the pool (and its region) follows from the client id.
  const { pool, client } = await unsignedClient(deps.store, input.ClientId);
  const event = {
    pool,
    username: signInUsername(input.AuthFlow, input.AuthParameters),
    step: "Password" as const,
    context: eventContext({ IpAddress: input.UserContextData?.IpAddress }, ctx.sourceIp),
    now: ctx.now,
  };
  return withSignInEvent(deps, event, () =>
    startSignIn({ ...deps, triggerCall: { clientMetadata: input.ClientMetadata } }, { pool, client, caller: "user", flow: input.AuthFlow, parameters: input.AuthParameters, now: ctx.now, sourceIp: ctx.sourceIp }),
  );
});
