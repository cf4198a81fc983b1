/**
 * One audited request: who did what to which pool and user, and how it ended. Never a password, code,
 * secret or token.
 */
export interface AuditEvent {
  id: string;
  time: Date;
  requestId: string;
  /** The caller's ARN for signed operations, `client:<client id>` for unsigned ones, else `local`. */
  actor: string;
  sourceIp?: string;
  operation: string;
  poolId?: string;
  /** The target user's internal username when known, else the name the request gave. */
  username?: string;
  outcome: "success" | "failure";
  /** The error's `__type` for failures. */
  errorType?: string;
  /** Small, non-secret facts about the change (e.g. `permanent` for AdminSetUserPassword). */
  details?: Record<string, string | number | boolean>;
}

export interface AuditQuery {
  poolId?: string;
  username?: string;
  operation?: string;
  /** The actor exactly as recorded (a caller's ARN, `client:<id>`, `local`). */
  actor?: string;
  outcome?: "success" | "failure";
  since?: Date;
  until?: Date;
  limit: number;
  /** Opaque cursor from the previous page (of the same order). */
  after?: string;
  /** Newest first (the console's view); oldest first when absent. */
  newestFirst?: boolean;
}
