import { AuditTrail } from "../audit.js";
import { actorOf } from "../pipeline.js";
import type { Deps, RequestContext } from "../types.js";

/** The operator's commands that change state (the CLI today; the console later). */
export type CommandName = "ImportUsers" | "RotateSigningKeys" | "RotateMasterKey" | "Sweep" | "ExportAudit" | "Backup" | "Restore";

/** A command's name in the audit trail: outside the API's names, so it is never taken for an API call. */
export function commandOperation(name: CommandName): string {
  return `cognate:${name}`;
}

/**
 * Runs an operator command as the API runs an operation: on the request's clock reading, recorded in the
 * audit trail under `cognate:<Name>` with its outcome. A command that writes in one transaction records its
 * event inside it (`audit.recordChange(tx)`); otherwise the event is appended when it ends.
 */
export async function runCommand<T>(
  deps: Deps,
  ctx: RequestContext,
  name: CommandName,
  target: { poolId?: string },
  command: (audit: AuditTrail) => Promise<T>,
): Promise<T> {
  const audit = new AuditTrail(deps.random, {
    time: ctx.now,
    requestId: ctx.requestId,
    actor: actorOf(ctx, {}),
    sourceIp: ctx.sourceIp,
    operation: commandOperation(name),
    poolId: target.poolId,
  });
  let result: T;
  try {
    result = await command(audit);
  } catch (error) {
    await deps.store.audit.append(audit.event("failure", error instanceof Error ? error.name : "Error"));
    throw error;
  }
  if (!audit.hasRecorded) await deps.store.audit.append(audit.event("success"));
  return result;
}
