import type { Command } from "commander";
import { createApp, type AuditEvent, type AuditQuery } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

interface AuditFlags {
  pool?: string;
  user?: string;
  operation?: string;
  outcome?: string;
  since?: string;
  until?: string;
  json?: boolean;
  export?: boolean;
}

export function registerAudit(program: Command): void {
  addSettingFlags(
    program
      .command("audit")
      .description("list audit events, oldest first, as a table or JSON lines")
      .option("--pool <ID>", "only events of this user pool")
      .option("--user <NAME>", "only events about this user (internal username)")
      .option("--operation <OP>", "only events of this operation, e.g. AdminSetUserPassword")
      .option("--outcome <success|failure>", "only successes or only failures")
      .option("--since <ISO>", "only events at or after this time")
      .option("--until <ISO>", "only events before this time")
      .option("--json", "print one JSON object per line")
      .option("--export", "print every event not exported before as JSON lines and mark them exported (for shipping before retention drops them)"),
  ).action(async (flags: AuditFlags, command: Command) => {
    const config = configFrom(command);
    if (flags.export) {
      // An export ships every event once, in order: a filtered one would mark events exported that it skipped.
      const filters = [flags.pool, flags.user, flags.operation, flags.outcome, flags.since, flags.until, flags.json];
      if (filters.some((value) => value !== undefined)) {
        throw new AuditFlagError("--export takes no filter and no --json: it writes every event not exported before, as JSON lines");
      }
      await exportEvents(config);
      return;
    }
    const query = auditQuery(flags);
    const app = await createApp(config);
    try {
      if (!flags.json) process.stdout.write(`${COLUMNS.map(([title, width]) => title.padEnd(width)).join(" ")}\n`);
      for await (const event of app.auditEvents(query)) {
        process.stdout.write(`${flags.json ? JSON.stringify(event) : tableRow(event)}\n`);
      }
    } finally {
      await app.close();
    }
  });
}

/** `--export`: each line written before the events are marked, waiting on stdout when it is full. */
async function exportEvents(config: ReturnType<typeof configFrom>): Promise<void> {
  const app = await createApp(config);
  try {
    await app.commands.exportAudit(
      (line) => new Promise<void>((resolve) => (process.stdout.write(`${line}\n`) ? resolve() : process.stdout.once("drain", resolve))),
    );
  } finally {
    await app.close();
  }
}

/** Turns the flags into a query; a malformed one is a command-line mistake (exit 2 through ConfigError). */
function auditQuery(flags: AuditFlags): Omit<AuditQuery, "limit" | "after"> {
  if (flags.outcome !== undefined && flags.outcome !== "success" && flags.outcome !== "failure") {
    throw new AuditFlagError(`--outcome must be success or failure (got "${flags.outcome}")`);
  }
  return {
    ...(flags.pool === undefined ? {} : { poolId: flags.pool }),
    ...(flags.user === undefined ? {} : { username: flags.user }),
    ...(flags.operation === undefined ? {} : { operation: flags.operation }),
    ...(flags.outcome === undefined ? {} : { outcome: flags.outcome }),
    ...(flags.since === undefined ? {} : { since: isoTime("--since", flags.since) }),
    ...(flags.until === undefined ? {} : { until: isoTime("--until", flags.until) }),
  };
}

export class AuditFlagError extends Error {
  override name = "AuditFlagError";
}

function isoTime(flag: string, value: string): Date {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new AuditFlagError(`${flag} must be an ISO 8601 time such as 2026-11-27T10:00:00Z (got "${value}")`);
  }
  return time;
}

const COLUMNS: ReadonlyArray<[string, number]> = [
  ["TIME", 24],
  ["OUTCOME", 8],
  ["OPERATION", 28],
  ["POOL", 22],
  ["USER", 24],
  ["ACTOR", 40],
  ["ERROR", 0],
];

function tableRow(event: AuditEvent): string {
  const details = event.details === undefined ? "" : ` ${JSON.stringify(event.details)}`;
  const cells = [
    event.time.toISOString(),
    event.outcome,
    event.operation,
    event.poolId ?? "-",
    event.username ?? "-",
    event.actor,
    (event.errorType ?? "") + details,
  ];
  return cells.map((cell, index) => cell.padEnd(COLUMNS[index]![1])).join(" ").trimEnd();
}
