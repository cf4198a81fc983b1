import { defineOperation } from "../../types.js";
import { deleteWebAuthnCredential as remove } from "../../../domain/webAuthn/registration.js";

export const deleteWebAuthnCredential = defineOperation("DeleteWebAuthnCredential", async (input, deps, ctx) =>
  remove(deps, { accessToken: input.AccessToken, credentialId: input.CredentialId }, ctx.now),
);
