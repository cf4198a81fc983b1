import type { Command } from "commander";
import { ConfigError } from "../../config/schema.js";
import { parseMasterKey } from "../../storage/secrets.js";
import { openStore, rotateMasterKey } from "../../storage/open.js";
import type { TokenUse } from "../../domain/tokens/keys.js";
import { addSettingFlags, configFrom } from "../settings.js";

const TOKEN_USES: readonly TokenUse[] = ["id", "access"];

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("signing keys and the master key");

  addSettingFlags(
    keys
      .command("rotate")
      .description("retire a pool's signing keys: new tokens get new keys, old kids stay in the JWKS until their tokens expire")
      .requiredOption("--pool <ID>", "the user pool"),
  ).action(async (flags: { pool: string }, command: Command) => {
    const config = configFrom(command);
    const store = await openStore(config.db, { masterKey: config.masterKey });
    try {
      if ((await store.pools.get(flags.pool)) === undefined) throw new ConfigError(`--pool: user pool ${flags.pool} does not exist`);
      const now = new Date(Date.now() + (await store.settings.clockOffsetSeconds()) * 1000);
      for (const use of TOKEN_USES) await store.keys.retire(flags.pool, use, now);
      process.stdout.write(`signing keys of ${flags.pool} retired; new keys are made with the next token\n`);
    } finally {
      await store.close();
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
    const { reencrypted } = await rotateMasterKey(config.db, from, config.masterKey);
    process.stdout.write(`${reencrypted} secrets re-encrypted with the new master key\n`);
  });
}
