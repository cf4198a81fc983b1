import type { FastifyInstance, FastifyReply } from "fastify";
import type { App } from "../app.js";
import { CognitoError } from "../errors/cognitoError.js";

/** A pool's token keys and OpenID discovery document, at the paths Cognito serves them. */
export function registerWellKnown(server: FastifyInstance, app: App): void {
  server.get<{ Params: { poolId: string } }>("/:poolId/.well-known/jwks.json", async (request, reply) =>
    app.jwks(request.params.poolId).catch((error: unknown) => poolNotFound(reply, error)),
  );

  server.get<{ Params: { poolId: string } }>("/:poolId/.well-known/openid-configuration", async (request, reply) =>
    app.openIdConfiguration(request.params.poolId).catch((error: unknown) => poolNotFound(reply, error)),
  );
}

/** An unknown pool is a 404 with Cognito's error body; anything else is the server's failure. */
function poolNotFound(reply: FastifyReply, error: unknown) {
  if (!(error instanceof CognitoError && error.type === "ResourceNotFoundException")) throw error;
  return reply.code(404).send({ __type: error.type, message: error.message });
}
