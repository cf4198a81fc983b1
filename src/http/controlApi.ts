import type { FastifyInstance } from "fastify";
import type { App } from "../app.js";

/** The local control API (dev mode): lets tests and developers move Cognate's clock. */
export function registerControlApi(server: FastifyInstance, app: App): void {
  const clockState = async () => {
    const offsetSeconds = await app.deps.store.settings.clockOffsetSeconds();
    return { now: (await app.clock.now()).getTime() / 1000, offsetSeconds };
  };

  server.get("/_cognate/clock", async () => clockState());

  server.post("/_cognate/clock", async (request, reply) => {
    const advanceSeconds = parseJsonObject(request.body)?.advanceSeconds;
    if (typeof advanceSeconds !== "number" || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
      return reply.code(400).send({ message: "advanceSeconds must be a number >= 0" });
    }
    await app.deps.store.settings.advanceClock(advanceSeconds);
    return clockState();
  });
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
