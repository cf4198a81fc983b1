import assert from "node:assert/strict";
import type { RunningCognate } from "./cognate.js";

/** One message as the control API lists it. */
export interface OutboxEntry {
  id: string;
  poolId: string;
  username: string;
  channel: "EMAIL" | "SMS";
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  kind: string;
  createdAt: number;
}

/** The messages sent to one user (by username or alias), oldest first, read through GET /_cognate/outbox. */
export async function outboxOf(cognate: RunningCognate, poolId: string, username: string): Promise<OutboxEntry[]> {
  const query = new URLSearchParams({ poolId, username });
  const response = await fetch(`${cognate.url}/_cognate/outbox?${query}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { messages: OutboxEntry[] }).messages;
}

/** The newest message to the user, which must be of `kind` and carry a six-digit code. */
export async function latestCode(cognate: RunningCognate, poolId: string, username: string, kind: string): Promise<OutboxEntry & { code: string }> {
  const messages = await outboxOf(cognate, poolId, username);
  const latest = messages.at(-1);
  assert.ok(latest !== undefined, `no message to ${username}`);
  assert.equal(latest.kind, kind);
  assert.match(latest.code ?? "", /^[0-9]{6}$/);
  assert.ok(latest.body.includes(latest.code!), "the body carries the code");
  return latest as OutboxEntry & { code: string };
}

/** A six-digit code other than `code`. */
export function wrongCode(code: string): string {
  return code === "000000" ? "111111" : "000000";
}
