#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/schema.js";
import { OperatorError } from "../errors/operatorError.js";
import { registerBackup } from "./commands/backup.js";
import { AuditFlagError, registerAudit } from "./commands/audit.js";
import { registerExport } from "./commands/export.js";
import { registerImport } from "./commands/import.js";
import { registerImportCognitoLocal } from "./commands/importCognitoLocal.js";
import { registerKeys } from "./commands/keys.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerServe } from "./commands/serve.js";
import { registerSweep } from "./commands/sweep.js";

const program = new Command("cognate")
  .description("An identity server that speaks the Amazon Cognito user-pools API")
  .exitOverride();
registerServe(program);
registerMigrate(program);
registerAudit(program);
registerKeys(program);
registerImport(program);
registerExport(program);
registerImportCognitoLocal(program);
registerSweep(program);
registerBackup(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its own line (usage mistakes, --help); a mistaken command line is exit 2.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  // Configuration mistakes (the credentials file's included) are the operator's to fix: one line, exit 2, nothing listening.
  if (error instanceof ConfigError || error instanceof AuditFlagError) {
    process.stderr.write(`cognate: invalid configuration: ${error.message}\n`);
    process.exit(2);
  }
  // A command that cannot run as asked (an unknown pool, say) is the operator's mistake too.
  if (error instanceof OperatorError) {
    process.stderr.write(`cognate: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cognate: ${(error as Error).message}\n`);
  process.exit(1);
}
