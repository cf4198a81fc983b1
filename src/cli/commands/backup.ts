import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerBackup(program: Command): void {
  addSettingFlags(
    program
      .command("backup")
      .description("copy the SQLite database consistently into a new FILE while Cognate keeps serving (PostgreSQL: use pg_dump)")
      .argument("<FILE>", "the new backup file"),
  ).action(async (file: string, _options, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      const { pages } = await app.commands.backup(file);
      process.stdout.write(`backed up ${pages} pages to ${file}\n`);
    } finally {
      await app.close();
    }
  });

  addSettingFlags(
    program
      .command("restore")
      .description("replace the SQLite database with a backup FILE; a database holding user pools only with --force (stop servers first)")
      .argument("<FILE>", "the backup file")
      .option("--force", "replace a database that holds user pools"),
  ).action(async (file: string, flags: { force?: boolean }, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      const { pools } = await app.commands.restore(file, flags.force === true);
      process.stdout.write(`restored ${pools} user pools from ${file}\n`);
    } finally {
      await app.close();
    }
  });
}
