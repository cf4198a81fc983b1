import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Command } from "commander";
import { CognitoError } from "../../errors/cognitoError.js";
import { cryptoRandom } from "../../domain/random.js";
import { csvRecords } from "../../domain/users/importCsv.js";
import { ImportHeaderError, importColumns, importedUser, type ImportColumns } from "../../domain/users/importUsers.js";
import type { UserRecord } from "../../domain/users/types.js";
import { openStore } from "../../storage/open.js";
import type { UserConflictKey } from "../../domain/ports/store.js";
import { addSettingFlags, configFrom } from "../settings.js";

/** Users handed to the store at a time (it inserts them in one transaction). */
const BATCH = 1000;
/** Refused rows listed one by one in the summary; the rest are counted. */
const LISTED_REFUSALS = 20;

interface Refusal {
  line: number;
  reason: string;
}

/** A mistaken command line, an unknown pool or an unusable header: one line on stderr, exit 2. */
class ImportArgumentError extends Error {}

export function registerImport(program: Command): void {
  addSettingFlags(
    program
      .command("import")
      .description("create the users of a Cognito user-import CSV file (GetCSVHeader's columns) in a pool, as RESET_REQUIRED")
      .requiredOption("--pool <ID>", "the user pool to import into")
      .argument("<FILE>", "the CSV file"),
  ).action(async (file: string, flags: { pool: string }, command: Command) => {
    try {
      await importFile(command, flags.pool, file);
    } catch (error) {
      if (!(error instanceof ImportArgumentError || error instanceof ImportHeaderError)) throw error;
      process.stderr.write(`cognate: import refused: ${error.message}\n`);
      process.exitCode = 2;
    }
  });
}

async function importFile(command: Command, poolId: string, file: string): Promise<void> {
  const config = configFrom(command);
  const size = await stat(file).then(
    (stats) => stats.size,
    (error: NodeJS.ErrnoException) => {
      throw new ImportArgumentError(`cannot read ${file} (${error.code ?? error.message})`);
    },
  );
  const store = await openStore(config.db, { masterKey: config.masterKey });
  try {
    const pool = await store.pools.get(poolId);
    if (pool === undefined) throw new ImportArgumentError(`user pool ${poolId} does not exist`);
    // The server's clock, control-API offset included, so imported users are created "now" as it sees it.
    const now = new Date(Date.now() + (await store.settings.clockOffsetSeconds()) * 1000);
    const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
    const progress = new Progress(size);
    async function* chunks(): AsyncGenerator<string> {
      for await (const chunk of stream) {
        progress.bytesRead = stream.bytesRead;
        yield chunk as string;
      }
    }

    let columns: ImportColumns | undefined;
    let imported = 0;
    let refusedCount = 0;
    const refusals: Refusal[] = [];
    const refuse = (line: number, reason: string) => {
      refusedCount += 1;
      if (refusals.length < LISTED_REFUSALS) refusals.push({ line, reason });
    };
    let batch: UserRecord[] = [];
    let batchLines: number[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const result = await store.users.createMany(batch);
      imported += result.created;
      for (const conflict of result.conflicts) refuse(batchLines[conflict.index]!, conflictReason(conflict.key));
      batch = [];
      batchLines = [];
    };

    for await (const records of csvRecords(chunks())) {
      for (const record of records) {
        if (columns === undefined) {
          if (record.problem !== undefined) throw new ImportArgumentError(`the header row is not valid CSV: ${record.problem}`);
          columns = importColumns(pool, record.fields);
          continue;
        }
        progress.rows += 1;
        if (record.problem !== undefined) {
          refuse(record.line, record.problem);
          continue;
        }
        try {
          batch.push(importedUser(pool, columns, record.fields, cryptoRandom.uuid(), now));
          batchLines.push(record.line);
        } catch (error) {
          if (!(error instanceof CognitoError)) throw error;
          refuse(record.line, error.message.trim());
        }
        if (batch.length >= BATCH) await flush();
      }
      progress.draw();
    }
    if (columns === undefined) throw new ImportArgumentError(`${file} is empty: the first row must be the header`);
    await flush();
    progress.finish();

    process.stdout.write(`imported ${imported} users, ${refusedCount} rows refused\n`);
    // Conflicts surface when their batch is written, after later rows' own refusals: list in file order.
    refusals.sort((a, b) => a.line - b.line);
    for (const { line, reason } of refusals) process.stdout.write(`  line ${line}: ${reason.replace(/\n/g, " ")}\n`);
    if (refusedCount > refusals.length) process.stdout.write(`  … and ${refusedCount - refusals.length} more rows refused\n`);
  } finally {
    await store.close();
  }
}

function conflictReason(key: UserConflictKey): string {
  return key === "username" ? "User account already exists" : `another user of the pool already has this ${key}`;
}

/**
 * Progress on stderr: redrawn in place with \r at most every 200 ms on a terminal, a plain line every
 * 5 seconds otherwise. The total is estimated from the share of the file read so far.
 */
class Progress {
  rows = 0;
  bytesRead = 0;
  private readonly started = performance.now();
  private lastDrawn = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly size: number) {}

  draw(): void {
    const elapsed = performance.now() - this.started;
    if (elapsed - this.lastDrawn < (this.tty ? 200 : 5000)) return;
    this.lastDrawn = elapsed;
    this.write(this.text(elapsed));
  }

  finish(): void {
    this.bytesRead = this.size;
    this.write(this.text(performance.now() - this.started));
    if (this.tty) process.stderr.write("\n");
  }

  private write(text: string): void {
    process.stderr.write(this.tty ? `\r${text}\u001b[K` : `${text}\n`);
  }

  private text(elapsedMs: number): string {
    const share = this.size === 0 ? 1 : Math.min(1, this.bytesRead / this.size);
    const width = 30;
    const filled = Math.round(share * width);
    const total = share > 0 ? Math.round(this.rows / share) : undefined;
    const rate = elapsedMs > 0 ? Math.round((this.rows * 1000) / elapsedMs) : 0;
    const of = total === undefined || share === 1 ? "" : `/~${total.toLocaleString("en-US")}`;
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(share * 100)}% ${this.rows.toLocaleString("en-US")}${of} rows, ${rate.toLocaleString("en-US")} rows/s`;
  }
}
