import type { Command } from "commander";
import { createApp } from "../../app.js";
import { parseMasterKey } from "../../config/masterKey.js";
import { ConfigError } from "../../config/schema.js";
import { addSettingFlags, configFrom } from "../settings.js";

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("signing keys and the master key");

  addSettingFlags(
    keys
      .command("rotate")
      .description("retire a pool's signing keys: new tokens get new keys, old kids stay in the JWKS until their tokens expire")
      .requiredOption("--pool <ID>", "the user pool"),
  ).action(async (flags: { pool: string }, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      await app.commands.rotateSigningKeys(flags.pool);
      process.stdout.write(`signing keys of ${flags.pool} retired; new keys are made with the next token\n`);
    } finally {
      await app.close();
    }
  });

  addSettingFlags(
    keys
      .command("rotate-master")
      .description(
        "re-encrypt every stored secret with COGNATE_MASTER_KEY; stop servers still using the old key first (or run again afterwards)",
      )
      .option("--from-key <BASE64>", "the master key the secrets are encrypted with now (omit when none was set)"),
  ).action(async (flags: { fromKey?: string }, command: Command) => {
    const config = configFrom(command);
    if (config.masterKey === undefined) throw new ConfigError("COGNATE_MASTER_KEY must be set to the new master key");
    let from: Buffer | undefined;
    try {
      from = flags.fromKey === undefined ? undefined : parseMasterKey(flags.fromKey);
    } catch (error) {
      throw new ConfigError(`--from-key ${(error as Error).message}`);
    }
    const app = await createApp(config);
    try {
      const reencrypted = await app.commands.rotateMasterKey(from);
      process.stdout.write(`${reencrypted} secrets re-encrypted with the new master key\n`);
    } finally {
      await app.close();
    }
  });
}
