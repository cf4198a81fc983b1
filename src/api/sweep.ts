import type { Logger } from "pino";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../domain/ports/store.js";

/** The kinds of rows that expire, in the order a sweep visits them. */
export const sweepKinds = [
  "challengeSessions",
  "pendingCodes",
  "refreshTokens",
  "accessRevocations",
  "rateLimitBuckets",
  "auditEvents",
  "outboxMessages",
] as const;
export type SweepKind = (typeof sweepKinds)[number];
export type SweepCounts = Record<SweepKind, number>;

/** What may go, beyond what has simply expired. */
export interface SweepPolicy {
  /** Audit events older than this many days go; undefined keeps them. */
  auditRetentionDays: number | undefined;
  /** Outbox messages older than this many days go. */
  outboxRetentionDays: number;
  /**
   * Rate-limit buckets untouched this many real seconds have refilled (a missing bucket is a full one) and go.
   * Buckets count real seconds, not the control clock (the pipeline's rule), so their idleness does too.
   */
  bucketIdleSeconds: number;
}

/** Rows per statement: each delete is one short statement, whatever the backlog. */
export const SWEEP_BATCH = 500;

/**
 * A refresh-token record stays a week after it expired or was revoked, so a client presenting it in that time
 * still hears Cognito's "expired" or "revoked" rather than "invalid" (docs/behaviour.md, Sweeping).
 */
const REFRESH_RECORD_GRACE_MS = 7 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * One batch of each kind, as of `now` (the app's clock, which the control API moves); throttling buckets as of
 * the wall clock.
 */
export async function sweepStep(store: Store, now: Date, policy: SweepPolicy, limit = SWEEP_BATCH): Promise<SweepCounts> {
  const at = now.getTime();
  return {
    challengeSessions: await store.sessions.deleteExpired(now, limit),
    pendingCodes: await store.codes.deleteExpired(now, limit),
    refreshTokens: await store.refreshTokens.deleteStale(new Date(at - REFRESH_RECORD_GRACE_MS), limit),
    accessRevocations: await store.revocations.deleteExpired(now, limit),
    rateLimitBuckets: await store.rateLimits.deleteIdle(new Date(Date.now() - policy.bucketIdleSeconds * 1000), limit),
    auditEvents:
      policy.auditRetentionDays === undefined ? 0 : await store.audit.deleteBefore(new Date(at - policy.auditRetentionDays * DAY_MS), limit),
    outboxMessages: await store.outbox.deleteBefore(new Date(at - policy.outboxRetentionDays * DAY_MS), limit),
  };
}

/** Batches until nothing of any kind is left to sweep as of `now`; the totals per kind. */
export async function sweepAll(store: Store, now: Date, policy: SweepPolicy, limit = SWEEP_BATCH): Promise<SweepCounts> {
  const totals = emptyCounts();
  for (;;) {
    const counts = await sweepStep(store, now, policy, limit);
    for (const kind of sweepKinds) totals[kind] += counts[kind];
    if (sweepKinds.every((kind) => counts[kind] < limit)) return totals;
  }
}

export interface Sweeper {
  /** Waits for a batch in progress, then sweeps no more. */
  stop(): Promise<void>;
}

/** The pause between two batches while a backlog lasts: sign-ins get the database in between. */
const BACKLOG_PAUSE_MS = 100;
/**
 * While a backlog lasts, the pause after a batch is at least this many times the batch's own duration, so the
 * sweeper holds the database (and, on SQLite, the event loop) at most 1/41 of the time however slow the
 * machine: sign-ins keep their pace while months of expired rows go (the bench holds them at ≥ 0.95×).
 */
const BACKLOG_PAUSE_PER_BATCH_TIME = 40;

/**
 * Sweeps in the background every `intervalMs`, one batch per kind at a time, reading the clock afresh each time
 * (so a clock moved through the control API moves what expires). A backlog is worked off batch by batch with a
 * pause between. The timers are unref'd: they never keep the process alive. A failed batch is logged and tried
 * again at the next interval. Several instances may sweep one database: each row is deleted once.
 */
export function startSweeper(options: { store: Store; clock: Clock; policy: SweepPolicy; intervalMs: number; log: Logger }): Sweeper {
  const { store, clock, policy, intervalMs, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = step().finally(() => {
        running = undefined;
      });
    }, delayMs);
    timer.unref();
  };
  const step = async () => {
    try {
      const started = performance.now();
      const counts = await sweepStep(store, await clock.now(), policy);
      const batchMs = performance.now() - started;
      const swept = sweepKinds.filter((kind) => counts[kind] > 0);
      if (swept.length > 0) log.debug({ swept: Object.fromEntries(swept.map((kind) => [kind, counts[kind]])) }, "swept expired rows");
      const backlog = sweepKinds.some((kind) => counts[kind] >= SWEEP_BATCH);
      schedule(backlog ? Math.max(BACKLOG_PAUSE_MS, batchMs * BACKLOG_PAUSE_PER_BATCH_TIME) : intervalMs);
    } catch (error) {
      if (stopped) return;
      log.warn({ err: error }, "sweeping expired rows failed; trying again at the next interval");
      schedule(intervalMs);
    }
  };
  schedule(intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function emptyCounts(): SweepCounts {
  return Object.fromEntries(sweepKinds.map((kind) => [kind, 0])) as SweepCounts;
}
