import { requirePoolInAnyRegion } from "../../domain/pools/userPool.js";
import { issuerFor } from "../../domain/tokens/issue.js";
import type { PublicJwk } from "../../domain/tokens/keys.js";
import { publishedKeys } from "../../domain/tokens/signingKeys.js";
import type { Deps } from "../types.js";

/*
 * A pool's token keys and OpenID discovery document. Unsigned, like Cognito's: the pool is found by its id
 * alone, whatever its region (ResourceNotFoundException when there is none).
 */

export async function poolJwks(deps: Deps, poolId: string, now: Date) {
  const pool = await requirePoolInAnyRegion(deps.store, poolId);
  const keys = await publishedKeys(deps, pool.id, now);
  return { keys: keys.map(jwkAsCognitoWritesIt) };
}

/** Cognito's members, in Cognito's (alphabetical) order; the JWKS address is always where Cognate serves it. */
export async function openIdConfiguration(deps: Deps, poolId: string) {
  const pool = await requirePoolInAnyRegion(deps.store, poolId);
  const base = deps.publicUrl();
  return {
    authorization_endpoint: `${base}/oauth2/authorize`,
    end_session_endpoint: `${base}/logout`,
    id_token_signing_alg_values_supported: ["RS256"],
    issuer: issuerFor(deps, pool),
    jwks_uri: `${base}/${pool.id}/.well-known/jwks.json`,
    response_types_supported: ["code", "token"],
    revocation_endpoint: `${base}/oauth2/revoke`,
    scopes_supported: ["openid", "email", "phone", "profile"],
    subject_types_supported: ["public"],
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    userinfo_endpoint: `${base}/oauth2/userInfo`,
  };
}

function jwkAsCognitoWritesIt(key: PublicJwk) {
  return { alg: key.alg, e: key.e, kid: key.kid, kty: key.kty, n: key.n, use: key.use };
}
