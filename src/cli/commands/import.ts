import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Command } from "commander";
import { createApp } from "../../app.js";
import { OperatorError } from "../../errors/operatorError.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerImport(program: Command): void {
  addSettingFlags(
    program
      .command("import")
      .description("create the users of a Cognito user-import CSV file (GetCSVHeader's columns) in a pool, as RESET_REQUIRED")
      .requiredOption("--pool <ID>", "the user pool to import into")
      .option(
        "--password-hashing-algorithm <ALGORITHM>",
        "BCRYPT, SCRYPT, ARGON2ID or PBKDF2_SHA256: the algorithm of the file's cognito:password_hash column (those users are CONFIRMED)",
      )
      .argument("<FILE>", "the CSV file"),
  ).action(async (file: string, flags: { pool: string; passwordHashingAlgorithm?: string }, command: Command) => {
    try {
      await importFile(command, flags.pool, file, hashingAlgorithm(flags.passwordHashingAlgorithm));
    } catch (error) {
      if (!(error instanceof OperatorError)) throw error;
      process.stderr.write(`cognate: import refused: ${error.message}\n`);
      process.exitCode = 2;
    }
  });
}

const HASHING_ALGORITHMS = ["BCRYPT", "SCRYPT", "ARGON2ID", "PBKDF2_SHA256"] as const;
type HashingAlgorithm = (typeof HASHING_ALGORITHMS)[number];

function hashingAlgorithm(value: string | undefined): HashingAlgorithm | undefined {
  if (value === undefined) return undefined;
  if (!(HASHING_ALGORITHMS as readonly string[]).includes(value)) {
    throw new OperatorError(`--password-hashing-algorithm must be one of ${HASHING_ALGORITHMS.join(", ")}`);
  }
  return value as HashingAlgorithm;
}

async function importFile(command: Command, poolId: string, file: string, algorithm: HashingAlgorithm | undefined): Promise<void> {
  const config = configFrom(command);
  const size = await stat(file).then(
    (stats) => stats.size,
    (error: NodeJS.ErrnoException) => {
      throw new OperatorError(`cannot read ${file} (${error.code ?? error.message})`);
    },
  );
  const app = await createApp(config);
  try {
    const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
    const progress = new Progress(size);
    async function* chunks(): AsyncGenerator<string> {
      for await (const chunk of stream) {
        progress.bytesRead = stream.bytesRead;
        yield chunk as string;
      }
    }
    const summary = await app.commands.importUsers(
      poolId,
      chunks(),
      (rows) => {
        progress.rows = rows;
        progress.draw();
      },
      algorithm,
    );
    progress.finish();
    process.stdout.write(`imported ${summary.imported} users, ${summary.refused} rows refused\n`);
    for (const { line, reason } of summary.refusals) process.stdout.write(`  line ${line}: ${reason.replace(/\n/g, " ")}\n`);
    if (summary.refused > summary.refusals.length) {
      process.stdout.write(`  … and ${summary.refused - summary.refusals.length} more rows refused\n`);
    }
  } finally {
    await app.close();
  }
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
