import { defineOperation } from "../../types.js";
import { startWebAuthnRegistration as start } from "../../../domain/webAuthn/registration.js";

export const startWebAuthnRegistration = defineOperation("StartWebAuthnRegistration", async (input, deps, ctx) =>
  // Unsigned: the access token names the pool and the user.
  start(deps, input.AccessToken, ctx.now),
);
