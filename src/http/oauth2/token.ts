import type { FastifyInstance, FastifyReply } from "fastify";
import type { App } from "../../app.js";
import { oauthInvalidRequest } from "../../errors/catalogue.js";
import { OAuthError } from "../../errors/oauthError.js";
import { formFields } from "./form.js";

/** POST /oauth2/token: read the form, let the app grant, answer JSON that no cache keeps (RFC 6749 §5.1). */
export function registerTokenEndpoint(server: FastifyInstance, app: App): void {
  server.post("/oauth2/token", async (request, reply) => {
    reply.header("cache-control", "no-store").header("pragma", "no-cache");
    try {
      const form = formFields(request);
      if (form === undefined) throw oauthInvalidRequest("the body must be application/x-www-form-urlencoded");
      const tokens = await (await app.oauthAt(request.headers.host)).token({
        form,
        authorization: request.headers.authorization,
        sourceIp: request.ip,
        requestId: request.id,
      });
      return reply.code(200).send(tokens);
    } catch (error) {
      return sendOAuthError(reply, error);
    }
  });
}

/** An OAuthError as Cognito writes it, the code alone; anything else is the server's failure, logged. */
export function sendOAuthError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof OAuthError) {
    reply.log.info({ oauthError: error.type, reason: error.message }, "OAuth request refused");
    return reply.code(error.status).send({ error: error.type });
  }
  reply.log.error({ err: error }, "OAuth request failed");
  return reply.code(500).send({ error: "server_error" });
}
