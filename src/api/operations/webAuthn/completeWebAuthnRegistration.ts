import { defineOperation } from "../../types.js";
import { completeWebAuthnRegistration as complete } from "../../../domain/webAuthn/registration.js";

export const completeWebAuthnRegistration = defineOperation("CompleteWebAuthnRegistration", async (input, deps, ctx) =>
  complete(deps, { accessToken: input.AccessToken, credential: input.Credential }, ctx.now),
);
