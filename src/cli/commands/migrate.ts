import type { Command } from "commander";
import { openStore } from "../../storage/open.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerMigrate(program: Command): void {
  addSettingFlags(program.command("migrate").description("apply pending storage migrations and exit")).action(
    async (_options, command: Command) => {
      const config = configFrom(command);
      const store = await openStore(config.db, { masterKey: config.masterKey });
      await store.close();
      process.stdout.write("migrations applied\n");
    },
  );
}
