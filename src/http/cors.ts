import type { FastifyInstance } from "fastify";

/** Browsers call Cognito directly (Amplify in a web page), so Cognate answers them the same way. */
const ALLOWED_HEADERS = [
  "content-type",
  "x-amz-target",
  "x-amz-user-agent",
  "x-amz-date",
  "authorization",
  "x-amz-security-token",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "cache-control",
].join(", ");
const EXPOSED_HEADERS = ["x-amzn-requestid", "x-amzn-errortype", "x-amzn-errormessage", "date"].join(", ");

export function registerCors(server: FastifyInstance): void {
  server.addHook("onRequest", (_request, reply, done) => {
    reply.header("access-control-allow-origin", "*");
    reply.header("access-control-expose-headers", EXPOSED_HEADERS);
    done();
  });
  server.options("/*", async (_request, reply) => {
    reply
      .header("access-control-allow-methods", "POST, GET, OPTIONS")
      .header("access-control-allow-headers", ALLOWED_HEADERS)
      .header("access-control-max-age", "86400")
      .code(204)
      .send();
  });
}
