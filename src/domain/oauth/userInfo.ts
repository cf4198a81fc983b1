import { CognitoError } from "../../errors/cognitoError.js";
import { oauthInvalidToken } from "../../errors/catalogue.js";
import { ADMIN_SCOPE } from "../tokens/claims.js";
import { authenticateAccessToken, type AccessTokenDeps } from "../tokens/accessToken.js";

/** The attributes each OpenID scope releases (OpenID Connect Core §5.4); `sub` and `username` always. */
const SCOPE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_number_verified"],
  profile: [
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
    "address",
    "identities",
  ],
};

/**
 * GET|POST /oauth2/userInfo: the user of an access token that carries `openid`, with the attributes its
 * scopes release (every attribute with `aws.cognito.signin.user.admin`). Values are the stored strings, the
 * verification flags included, as Cognito answers. Any refusal of the token is `invalid_token`.
 */
export async function userInfo(deps: AccessTokenDeps, accessToken: string | undefined, now: Date): Promise<Record<string, string>> {
  if (accessToken === undefined) throw oauthInvalidToken();
  let holder;
  try {
    holder = await authenticateAccessToken(deps, accessToken, now, "openid");
  } catch (error) {
    throw error instanceof CognitoError ? oauthInvalidToken() : error;
  }
  const scopes = holder.claims.scope.split(" ");
  const released = scopes.includes(ADMIN_SCOPE)
    ? (name: string) => !name.startsWith("dev:")
    : (name: string) => scopes.some((scope) => SCOPE_ATTRIBUTES[scope]?.includes(name) === true);
  const attributes = Object.entries(holder.user.attributes).filter(([name]) => name !== "sub" && released(name));
  return { sub: holder.user.sub, ...Object.fromEntries(attributes), username: holder.user.username };
}
