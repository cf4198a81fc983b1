import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerMigrate(program: Command): void {
  addSettingFlags(program.command("migrate").description("apply pending storage migrations and exit")).action(
    async (_options, command: Command) => {
      // Opening the app applies pending migrations, whatever --manual-migrations says: this is the manual step.
      const app = await createApp({ ...configFrom(command), manualMigrations: false });
      await app.close();
      process.stdout.write("migrations applied\n");
    },
  );
}
