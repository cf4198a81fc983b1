import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerSweep(program: Command): void {
  addSettingFlags(
    program
      .command("sweep")
      .description("remove expired challenge sessions, codes, refresh-token records, revocations, idle throttling buckets and audit events past retention, now"),
  ).action(async (_options, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      const counts = await app.commands.sweep();
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
      const parts = Object.entries(counts).map(([kind, count]) => `${kind} ${count}`);
      process.stdout.write(`swept ${total} expired rows (${parts.join(", ")})\n`);
    } finally {
      await app.close();
    }
  });
}
