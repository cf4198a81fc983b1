import type { FastifyInstance, FastifyReply } from "fastify";
import type { App } from "../app.js";
import { poolNotFound } from "../errors/catalogue.js";
import type { UserPoolRecord } from "../domain/pools/index.js";
import { issuerFor } from "../domain/tokens/issue.js";
import type { PublicJwk } from "../domain/tokens/keys.js";
import { publishedKeys } from "../domain/tokens/signingKeys.js";

/**
 * A pool's token keys and OpenID discovery document, at the paths Cognito serves them. Unsigned, like
 * Cognito's: the pool is found by its id alone, whatever its region.
 */
export function registerWellKnown(server: FastifyInstance, app: App): void {
  server.get<{ Params: { poolId: string } }>("/:poolId/.well-known/jwks.json", async (request, reply) => {
    const pool = await app.deps.store.pools.get(request.params.poolId);
    if (pool === undefined) return sendPoolNotFound(reply, request.params.poolId);
    const keys = await publishedKeys(app.deps, pool.id, await app.clock.now());
    return { keys: keys.map(jwkAsCognitoWritesIt) };
  });

  server.get<{ Params: { poolId: string } }>("/:poolId/.well-known/openid-configuration", async (request, reply) => {
    const pool = await app.deps.store.pools.get(request.params.poolId);
    if (pool === undefined) return sendPoolNotFound(reply, request.params.poolId);
    return openIdConfiguration(app, pool);
  });
}

/** Cognito's members, in Cognito's (alphabetical) order; the JWKS address is always where Cognate serves it. */
function openIdConfiguration(app: App, pool: UserPoolRecord) {
  const base = app.deps.publicUrl();
  return {
    authorization_endpoint: `${base}/oauth2/authorize`,
    end_session_endpoint: `${base}/logout`,
    id_token_signing_alg_values_supported: ["RS256"],
    issuer: issuerFor(app.deps, pool),
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

function sendPoolNotFound(reply: FastifyReply, poolId: string) {
  const error = poolNotFound(poolId);
  return reply.code(404).send({ __type: error.type, message: error.message });
}
