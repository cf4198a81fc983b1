import { defineOperation } from "../../types.js";
import { listWebAuthnCredentials as list } from "../../../domain/webAuthn/registration.js";

export const listWebAuthnCredentials = defineOperation("ListWebAuthnCredentials", async (input, deps, ctx) =>
  list(deps, { accessToken: input.AccessToken, maxResults: input.MaxResults, nextToken: input.NextToken }, ctx.now),
);
