import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerMigrate(program: Command): void {
  addSettingFlags(program.command("migrate").description("apply pending storage migrations and exit")).action(
    async (_options, command: Command) => {
      const config = configFrom(command);
      // Opening the app applies pending migrations.
      const app = await createApp(config);
      await app.close();
      process.stdout.write("migrations applied\n");
    },
  );
}
