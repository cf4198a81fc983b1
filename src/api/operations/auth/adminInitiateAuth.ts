import { defineOperation } from "../../types.js";
import { initiateAuth } from "../../../domain/auth/flows.js";
import { adminContext, eventContext, signInUsername, withSignInEvent } from "../../../domain/authEvents/authEvents.js";
import { requireClient } from "../../../domain/clients/appClient.js";
import { requirePool } from "../../../domain/pools/userPool.js";

export const adminInitiateAuth = defineOperation("AdminInitiateAuth", async (input, deps, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId, ctx.region);
  const client = await requireClient(deps.store, pool.id, input.ClientId);
  const event = {
    pool,
    username: signInUsername(input.AuthFlow, input.AuthParameters),
    step: "Password" as const,
    context: eventContext(adminContext(input.ContextData), ctx.sourceIp),
    now: ctx.now,
  };
  return withSignInEvent(deps, event, () =>
    initiateAuth({ ...deps, triggerCall: { clientMetadata: input.ClientMetadata } }, { pool, client, caller: "admin", flow: input.AuthFlow, parameters: input.AuthParameters, now: ctx.now, sourceIp: ctx.sourceIp }),
  );
});
