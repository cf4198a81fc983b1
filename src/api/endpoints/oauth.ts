import type { QuotaCategory, RateLimits } from "../../config/rateLimits.js";
import { oauthRateExceeded } from "../../errors/catalogue.js";
import type { FormFields } from "../../domain/oauth/form.js";
import { grantTokens, grantTypeOf, type GrantType, type TokenResponse } from "../../domain/oauth/tokenGrant.js";
import { takeCategoryRate } from "../throttle/throttle.js";
import type { Deps, RequestContext } from "../types.js";

/**
 * Which quota each grant counts against: client_credentials has its own category (ClientAuthentication);
 * the grants of a signed-in user count as sign-ins (docs/behaviour.md#oauth-20-endpoints).
 */
const GRANT_CATEGORIES: Readonly<Record<GrantType, QuotaCategory>> = {
  client_credentials: "ClientAuthentication",
  refresh_token: "UserAuthentication",
};

/** POST /oauth2/token, after the HTTP layer has read the form and the Authorization header. */
export async function tokenEndpoint(
  deps: Deps,
  rateLimits: RateLimits,
  request: { form: FormFields; authorization: string | undefined },
  ctx: RequestContext,
): Promise<TokenResponse> {
  const grantType = grantTypeOf(request.form);
  // Quotas count real seconds, as the API pipeline's do.
  if (!(await takeCategoryRate(deps.store.rateLimits, rateLimits, GRANT_CATEGORIES[grantType], ctx.region, new Date()))) {
    throw oauthRateExceeded();
  }
  return grantTokens(deps, { ...request, now: ctx.now });
}
