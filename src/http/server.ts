import { randomUUID } from "node:crypto";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { App } from "../app.js";
import { bodyTooLarge, noRoute, unreadableRequest } from "../errors/catalogue.js";
import { MAX_BODY_BYTES } from "../protocol/awsJson/request.js";
import { registerAwsJsonRoute, sendError } from "./awsJsonRoute.js";
import { registerControlApi } from "./controlApi.js";
import { registerCors } from "./cors.js";
import { registerWellKnown } from "./wellKnown.js";
import { registerManagedLogin } from "./oauth2/managedLogin.js";
import { registerTokenEndpoint } from "./oauth2/token.js";
import { registerConsole } from "./console/routes.js";
import { registerUserImportUpload } from "./userImportUpload.js";

function routeSchemasUnused(): never {
  throw new Error("fastify route schemas are not used by Cognate: inputs are validated by the generated model");
}

/** Builds the HTTP face of an app, over HTTPS when given a certificate; the caller listens and closes. */
export function buildServer(app: App, tls?: { key: string; cert: string }): FastifyInstance {
  const server = Fastify({
    // The https server is a drop-in for the http one: the routes see the same requests.
    ...(tls === undefined ? {} : { https: { key: tls.key, cert: tls.cert } }),
    loggerInstance: app.log as FastifyBaseLogger,
    // One line per request is written by the API route itself, with the operation and outcome.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    // No route declares a JSON schema (the generated model validates every input), so fastify's schema
    // compilers (ajv, fast-json-stringify) are never needed: not loading them saves a fifth of the start.
    schemaController: { compilersFactory: { buildValidator: routeSchemasUnused, buildSerializer: routeSchemasUnused } },
    // Pool ids are short, but a long one must reach our 404, not the router's 414.
    routerOptions: { maxParamLength: 8192 },
    // URLs the router cannot read at all still get an AWS-shaped answer with a request id.
    frameworkErrors: (error, request, reply) => {
      reply.header("x-amzn-requestid", request.id);
      sendError(request, reply, noRoute(request.method, describePath(request.raw.url)), undefined, process.hrtime.bigint());
    },
  });

  // Every body arrives raw: SigV4 must hash exactly the bytes that were signed.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  // Callback-style hooks: an async one costs a promise per request, on every request.
  server.addHook("onRequest", (request, reply, done) => {
    reply.header("x-amzn-requestid", request.id);
    done();
  });
  registerCors(server);
  registerAwsJsonRoute(server, app);
  registerWellKnown(server, app);
  registerTokenEndpoint(server, app);
  registerManagedLogin(server, app);
  registerConsole(server, app);
  registerUserImportUpload(server, app);

  server.get("/health", async (_request, reply) => {
    try {
      const schema = await app.health();
      // A database restored from an older backup, or migrated back by hand, is behind the code: not ready.
      if (schema.current === undefined || schema.current < schema.expected) {
        return reply.code(503).send({ status: "unavailable", storage: "reachable", schemaVersion: schema.current ?? null, expectedSchemaVersion: schema.expected });
      }
      return { status: "ok", storage: "reachable", schemaVersion: schema.current };
    } catch (error) {
      reply.log.error({ err: error }, "storage did not answer the health check");
      return reply.code(503).send({ status: "unavailable", storage: "unreachable" });
    }
  });

  if (app.controlApi) registerControlApi(server, app);

  const metrics = app.metrics;
  if (metrics !== null) {
    server.get("/metrics", async (_request, reply) => reply.header("content-type", metrics.contentType).send(await metrics.text()));
  }

  server.setNotFoundHandler(async (request, reply) => {
    sendError(request, reply, noRoute(request.method, request.url.split("?")[0]!), undefined, process.hrtime.bigint());
    return reply;
  });

  // Failures before our route runs (oversized or unreadable bodies) still get an AWS-shaped error.
  server.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const mapped =
      error.code === "FST_ERR_CTP_BODY_TOO_LARGE"
        ? bodyTooLarge()
        : error.statusCode !== undefined && error.statusCode < 500
          ? unreadableRequest()
          : error;
    sendError(request, reply, mapped, undefined, process.hrtime.bigint());
    return reply;
  });

  return server;
}

/** A path for a message: the unreadable or overlong parts are cut, so nothing hostile is echoed whole. */
function describePath(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
