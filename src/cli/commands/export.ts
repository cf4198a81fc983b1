import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerExport(program: Command): void {
  addSettingFlags(
    program
      .command("export")
      .description("write one pool as a seed file (YAML, or JSON when --out ends in .json): settings, clients, groups, users")
      .requiredOption("--pool <ID>", "the user pool to export")
      .option("--out <FILE>", "the file to write (default: standard output, YAML)"),
  ).action(async (flags: { pool: string; out?: string }, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      const seed = { Pools: [await app.commands.exportPool(flags.pool)] };
      const text = flags.out?.endsWith(".json") ? `${JSON.stringify(seed, null, 2)}\n` : (await import("yaml")).stringify(seed);
      if (flags.out === undefined) process.stdout.write(text);
      else await writeFile(flags.out, text);
    } finally {
      await app.close();
    }
  });
}
