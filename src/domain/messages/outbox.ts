import type { Logger } from "pino";
import type { Random } from "../random.js";
import type { Store } from "../ports/store.js";
import type { OutboxMessage } from "./types.js";

export interface MessageDeps {
  random: Random;
  /** Secure mode: messages are stored for delivery, and their bodies and codes never logged. */
  secureMode: boolean;
  log: Logger;
}

export type MessageDraft = Omit<OutboxMessage, "id" | "createdAt">;

/**
 * Delivers a message the only way Cognate does: into the outbox, through `store` (the transaction of the
 * change that sends it, so a change that rolls back sends nothing). Call it as the transaction's last step.
 * In dev mode the log line carries the body and code, so developers see temporary passwords and codes; in
 * secure mode it only says a message was queued.
 */
export async function deliverMessage(deps: MessageDeps, store: Store, draft: MessageDraft, now: Date): Promise<OutboxMessage> {
  const message: OutboxMessage = { id: deps.random.uuid(), ...draft, createdAt: now };
  await store.outbox.add(message);
  const summary = { id: message.id, poolId: message.poolId, username: message.username, channel: message.channel, kind: message.kind };
  if (deps.secureMode) {
    deps.log.info({ outbox: summary }, "message queued for delivery");
  } else {
    deps.log.info(
      { outbox: { ...summary, destination: message.destination, code: message.code } },
      `outbox ${message.channel} to ${message.destination}: ${message.body}`,
    );
  }
  return message;
}
