import type { Command } from "commander";
import { options, resolveConfig, type Config } from "../config/schema.js";

/** Declares every setting of the config schema as a flag, so each command reads the same settings. */
export function addSettingFlags(command: Command): Command {
  for (const option of options) {
    if (option.flag === undefined) continue;
    const flag = option.arg === undefined ? option.flag : `${option.flag} <${option.arg}>`;
    command.option(flag, `${option.doc} (env ${option.env}; default ${option.defaultText})`);
  }
  return command;
}

export function configFrom(command: Command, env: NodeJS.ProcessEnv = process.env): Config {
  return resolveConfig(command.opts(), env);
}
