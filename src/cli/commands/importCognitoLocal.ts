import type { Command } from "commander";
import { createApp } from "../../app.js";
import { addSettingFlags, configFrom } from "../settings.js";

/** How cognito-local's config.json options map to Cognate (README, "Coming from cognito-local"). */
const CONFIG_NOTES: Record<string, string> = {
  TriggerFunctions: "not carried: set each pool's LambdaConfig and map its functions with --functions FILE or --lambda-endpoint URL",
  LambdaClient: "not carried: give its endpoint as --lambda-endpoint URL",
  TokenConfig: "not carried: set --public-url (IssuerDomain) or --token-issuer aws",
  UserPoolDefaults: "not carried: each imported pool keeps its own settings; give new pools theirs in CreateUserPool or a seed",
  KMSConfig: "not carried: Cognate sends no messages, they stay in the outbox",
};

export function registerImportCognitoLocal(program: Command): void {
  addSettingFlags(
    program
      .command("import-cognito-local")
      .description("create the pools, clients, groups and users of a cognito-local data directory (plaintext passwords hashed)")
      .argument("<DIR>", "cognito-local's directory (.cognito, or its db/)"),
  ).action(async (dir: string, _flags: object, command: Command) => {
    const app = await createApp(configFrom(command));
    try {
      const imported = await app.commands.importCognitoLocal(dir);
      for (const pool of imported.pools) {
        process.stdout.write(`pool ${pool.name}: ${pool.oldId} -> ${pool.id}\n`);
        for (const client of pool.clients) process.stdout.write(`  client ${client.name}: ${client.oldId} -> ${client.id}\n`);
      }
      for (const option of imported.configOptions) {
        process.stdout.write(`config.json ${option}: ${CONFIG_NOTES[option] ?? "not carried: unknown to Cognate"}\n`);
      }
    } finally {
      await app.close();
    }
  });
}
