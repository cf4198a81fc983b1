import type { FastifyInstance } from "fastify";
import type { App, OutboxMessage } from "../app.js";
import { CognitoError } from "../errors/cognitoError.js";

const DEFAULT_OUTBOX_LIMIT = 100;
const MAX_OUTBOX_LIMIT = 1000;

/** The local control API (dev mode): lets tests and developers move Cognate's clock and read the outbox. */
export function registerControlApi(server: FastifyInstance, app: App): void {
  server.get("/_cognate/clock", async () => app.control.clock());

  server.post("/_cognate/clock", async (request, reply) => {
    const advanceSeconds = parseJsonObject(request.body)?.advanceSeconds;
    if (typeof advanceSeconds !== "number" || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
      return reply.code(400).send({ message: "advanceSeconds must be a number >= 0" });
    }
    return app.control.advanceClock(advanceSeconds);
  });

  // Messages oldest first. `username` may be an alias: with `poolId` it is resolved as Admin* operations do.
  server.get("/_cognate/outbox", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const poolId = optionalString(query.poolId);
    const username = optionalString(query.username);
    const limit = query.limit === undefined ? DEFAULT_OUTBOX_LIMIT : Number(query.limit);
    if (poolId === null || username === null) {
      return reply.code(400).send({ message: "poolId and username must each be given at most once" });
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OUTBOX_LIMIT) {
      return reply.code(400).send({ message: `limit must be an integer from 1 to ${MAX_OUTBOX_LIMIT}` });
    }
    try {
      const messages = await app.control.outbox({
        limit,
        ...(poolId === undefined ? {} : { poolId }),
        ...(username === undefined ? {} : { username }),
      });
      return { messages: messages.map(toOutboxJson) };
    } catch (error) {
      if (!(error instanceof CognitoError && error.type === "ResourceNotFoundException")) throw error;
      return reply.code(404).send({ message: error.message });
    }
  });

  // Trigger invocations of this instance, oldest first; `trigger` is a trigger source or its trigger's name.
  server.get("/_cognate/invocations", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const poolId = optionalString(query.poolId);
    const trigger = optionalString(query.trigger);
    if (poolId === null || trigger === null) {
      return reply.code(400).send({ message: "poolId and trigger must each be given at most once" });
    }
    const invocations = app.control.invocations({
      ...(poolId === undefined ? {} : { poolId }),
      ...(trigger === undefined ? {} : { trigger }),
    });
    return { invocations };
  });

  // The raw AES keyring that decrypts custom sender codes encrypted for a KMSKeyID (docs/behaviour.md#lambda-triggers).
  server.get("/_cognate/sender-key", async (request, reply) => {
    const kmsKeyId = optionalString((request.query as Record<string, unknown>).kmsKeyId);
    if (kmsKeyId === undefined || kmsKeyId === null || kmsKeyId === "") return reply.code(400).send({ message: "kmsKeyId must be given once" });
    return app.control.senderKey(kmsKeyId);
  });
}

function toOutboxJson(message: OutboxMessage) {
  return { ...message, createdAt: message.createdAt.getTime() / 1000 };
}

/** A query parameter given once (undefined when absent, null when repeated). */
function optionalString(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : null;
}

function parseJsonObject(body: unknown): Record<string, unknown> | undefined {
  if (!Buffer.isBuffer(body) || body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
