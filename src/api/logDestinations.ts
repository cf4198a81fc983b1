import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { LogDestinations } from "../domain/ports/logDestinations.js";

/**
 * The file a destination ARN is written to under the log-delivery directory: the whole ARN, with every
 * character other than letters, digits, `.`, `_` and `-` made `_`, plus `.jsonl`
 * (docs/behaviour.md#log-delivery). The whole ARN keeps a log group, a stream and a bucket of one name apart.
 */
export function logFileName(destinationArn: string): string {
  return `${destinationArn.replace(/[^A-Za-z0-9._-]/g, "_")}.jsonl`;
}

/** Log destinations as JSON-lines files in `dir`; a write that fails is logged and never fails the request. */
export function fileLogDestinations(dir: string, log: Logger): LogDestinations {
  let created: Promise<unknown> | undefined;
  return {
    async append(destinationArn, record) {
      try {
        created ??= mkdir(dir, { recursive: true });
        await created;
        await appendFile(join(dir, logFileName(destinationArn)), `${JSON.stringify(record)}\n`, "utf8");
      } catch (error) {
        created = undefined;
        log.warn({ err: error, destinationArn }, "a log-delivery record could not be written");
      }
    },
  };
}
