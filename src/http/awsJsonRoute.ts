import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App, RequestContext } from "../app.js";
import { operations } from "../model/operations.gen.js";
import { parseAwsJsonRequest } from "../protocol/awsJson/request.js";
import { AWS_JSON_CONTENT_TYPE, serializeError, serializeOutput } from "../protocol/awsJson/response.js";
import { authenticate } from "../protocol/sigv4/verify.js";

/** `POST /`: the Cognito API. Parse → authenticate → the app (authorise, throttle, validate, invoke) → serialise. */
export function registerAwsJsonRoute(server: FastifyInstance, app: App): void {
  server.post("/", async (request, reply) => {
    const started = process.hrtime.bigint();
    let operation: string | undefined;
    let poolId: string | undefined;
    try {
      const body = (request.body as Buffer | undefined) ?? Buffer.alloc(0);
      const parsed = parseAwsJsonRequest(header(request, "content-type"), header(request, "x-amz-target"), body);
      operation = parsed.operation;
      const ctx = await requestContext(app, request, body, operations[parsed.operation].auth === "sigv4");
      poolId = typeof parsed.input.UserPoolId === "string" ? parsed.input.UserPoolId : undefined;
      const output = await app.invoke(parsed.operation, parsed.input, ctx);
      reply.code(200).header("content-type", AWS_JSON_CONTENT_TYPE).send(Buffer.from(serializeOutput(output)));
      logOutcome(request, operation, 200, undefined, started, poolId, app.config.logRequests);
    } catch (error) {
      sendError(request, reply, error, operation, started, poolId, app.config.logRequests);
    }
    return reply;
  });
}

async function requestContext(app: App, request: FastifyRequest, body: Buffer, signed: boolean): Promise<RequestContext> {
  const caller = signed
    ? authenticate(
        { method: request.method, path: request.url, headers: request.headers, body },
        // SigV4's skew window compares with the signer's real clock, not the control API's offset.
        { credentials: app.credentials, accountId: app.config.accountId, now: new Date() },
      )
    : undefined;
  return app.requestContext({ requestId: request.id, ...(caller === undefined ? {} : { caller }), sourceIp: request.ip });
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  operation: string | undefined,
  started: bigint,
  poolId?: string,
  logRequests = false,
): void {
  const response = serializeError(error);
  if (response.status >= 500) request.log.error({ err: error, operation }, "operation failed unexpectedly");
  // A Buffer, so that the content type goes out exactly as AWS sends it (no charset appended).
  reply.code(response.status).headers(response.headers).send(Buffer.from(response.body));
  logOutcome(request, operation, response.status, response.type, started, poolId, logRequests);
}

function logOutcome(
  request: FastifyRequest,
  operation: string | undefined,
  status: number,
  errorType: string | undefined,
  started: bigint,
  poolId: string | undefined,
  logRequests: boolean,
): void {
  const ms = Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 100) / 100;
  if (!logRequests) {
    request.log.info({ operation, status, errorType, ms }, "request");
    return;
  }
  // --log-requests: the line says what happened, for a developer watching the terminal.
  const outcome = errorType ?? "ok";
  request.log.info(
    { operation, poolId, status, errorType, ms },
    `${operation ?? "(unreadable request)"}${poolId === undefined ? "" : ` ${poolId}`} → ${outcome} (${ms} ms)`,
  );
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
