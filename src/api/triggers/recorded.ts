import type { Logger } from "pino";
import {
  TriggerFunctionError,
  TriggerUnavailableError,
  type TriggerEvent,
  type TriggerInvoker,
} from "../../domain/ports/triggers.js";

/** One trigger invocation as the control API lists it: the event with codes and passwords masked. */
export interface TriggerInvocation {
  functionArn: string;
  poolId: string;
  triggerSource: string;
  /** Epoch milliseconds when it started (the real clock: durations are real). */
  startedAt: number;
  durationMs: number;
  outcome: "answered" | "threw" | "unavailable";
  /** The function's error message or why it could not run; never a code or password. */
  error?: string;
  event: TriggerEvent;
}

export interface InvocationQuery {
  poolId?: string;
  /** A trigger source (`PreSignUp_SignUp`) or its trigger's prefix (`PreSignUp`). */
  trigger?: string;
}

/** How many invocations the control API can show: the newest, per instance. */
const KEPT_INVOCATIONS = 500;

/** Members of an event's request that carry a secret: passwords, codes, challenge answers. */
const MASKED = new Set(["password", "code", "challengeAnswer", "privateChallengeParameters"]);

/**
 * The invoker, logging each invocation (function, trigger source, duration, outcome; never the event) and
 * keeping the newest in memory for the control API.
 */
export function recordedInvoker(inner: TriggerInvoker, log: Logger): TriggerInvoker & { invocations(query: InvocationQuery): TriggerInvocation[] } {
  const kept: TriggerInvocation[] = [];
  const record = (invocation: TriggerInvocation) => {
    kept.push(invocation);
    if (kept.length > KEPT_INVOCATIONS) kept.shift();
    const { event: _notLogged, ...line } = invocation;
    log.info(line, `trigger ${invocation.triggerSource} → ${invocation.outcome} in ${invocation.durationMs} ms`);
  };
  return {
    enabled: inner.enabled,
    async invoke(functionArn, event) {
      const startedAt = Date.now();
      const started = process.hrtime.bigint();
      const base = () => ({
        functionArn,
        poolId: event.userPoolId,
        triggerSource: event.triggerSource,
        startedAt,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        event: masked(event),
      });
      try {
        const answer = await inner.invoke(functionArn, event);
        record({ ...base(), outcome: "answered" });
        return answer;
      } catch (error) {
        if (error instanceof TriggerFunctionError) record({ ...base(), outcome: "threw", error: error.message });
        else if (error instanceof TriggerUnavailableError) record({ ...base(), outcome: "unavailable", error: error.reason });
        throw error;
      }
    },
    invocations: (query) =>
      kept.filter(
        (invocation) =>
          (query.poolId === undefined || invocation.poolId === query.poolId) &&
          (query.trigger === undefined ||
            invocation.triggerSource === query.trigger ||
            invocation.triggerSource.startsWith(`${query.trigger}_`) ||
            (query.trigger === "PreTokenGeneration" && invocation.triggerSource.startsWith("TokenGeneration_"))),
      ),
  };
}

function masked(event: TriggerEvent): TriggerEvent {
  const request = Object.fromEntries(Object.entries(event.request).map(([name, value]) => [name, MASKED.has(name) ? "***" : value]));
  return structuredClone({ ...event, request });
}
