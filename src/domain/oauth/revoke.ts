import { oauthInvalidRequest, oauthUnauthorizedClient, oauthUnsupportedTokenType } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { Store } from "../ports/store.js";
import { revokeRefreshToken } from "../tokens/revocation.js";
import { authenticateClient, basicCredentials } from "./clientAuthentication.js";
import { optionalField, requiredField, type FormFields } from "./form.js";

/**
 * POST /oauth2/revoke: the client authenticates as at the token endpoint, then the refresh token and every
 * token of its authentication are revoked by the same rule as RevokeToken. An unknown token is no error
 * (RFC 7009); an ID or access token is `unsupported_token_type`; a client with revocation off is
 * `unauthorized_client`; another client's token is `invalid_request`.
 */
export async function revokeAtEndpoint(store: Store, request: { form: FormFields; authorization: string | undefined; now: Date }): Promise<void> {
  const { form, now } = request;
  const token = requiredField(form, "token");
  const { client } = await authenticateClient(store, {
    basic: basicCredentials(request.authorization),
    formClientId: optionalField(form, "client_id"),
    formClientSecret: optionalField(form, "client_secret"),
  });
  try {
    await revokeRefreshToken(store, { client, token, now });
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    if (error.type === "UnsupportedTokenTypeException") throw oauthUnsupportedTokenType();
    if (error.type === "UnsupportedOperationException") throw oauthUnauthorizedClient();
    throw oauthInvalidRequest(error.message);
  }
}
