#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/schema.js";
import { CredentialsFileError } from "../protocol/sigv4/credentials.js";
import { AuditFlagError, registerAudit } from "./commands/audit.js";
import { registerImport } from "./commands/import.js";
import { registerKeys } from "./commands/keys.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerServe } from "./commands/serve.js";

const program = new Command("cognate")
  .description("An identity server that speaks the Amazon Cognito user-pools API")
  .exitOverride();
registerServe(program);
registerMigrate(program);
registerAudit(program);
registerKeys(program);
registerImport(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its own line (usage mistakes, --help); a mistaken command line is exit 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  // Configuration mistakes are the operator's to fix: one line, exit 2, nothing listening.
  if (error instanceof ConfigError || error instanceof CredentialsFileError || error instanceof AuditFlagError) {
    process.stderr.write(`cognate: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cognate: ${(error as Error).message}\n`);
  process.exit(1);
}
