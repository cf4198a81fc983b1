/**
 * The programmatic API: `import { startCognate } from "cognate"` runs a server inside a test process
 * (README, "In a test suite").
 */
import { createApp, type App, type OutboxMessage, type SeedResult } from "./app.js";
import { options as settingOptions, resolveConfig, type Config } from "./config/schema.js";
import { buildServer } from "./http/server.js";
import { loadTls } from "./http/tls.js";

export type { OutboxMessage, SeedResult, SeededPool, SeededClient, Seed, SeedPool, SeedUser } from "./app.js";

/**
 * Every setting of `cognate serve` in camelCase (README, "Configuration"), all optional. Unlike the command,
 * the environment is not read: what a test gets is what it passes.
 */
export interface CognateOptions {
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default `sqlite::memory:`: nothing outlives the process. */
  db?: string;
  region?: string;
  accountId?: string;
  publicUrl?: string;
  tokenIssuer?: Config["tokenIssuer"];
  credentials?: string;
  insecure?: boolean;
  controlApi?: boolean;
  rateLimits?: Partial<Record<string, number>>;
  auditReads?: boolean;
  /** 32 bytes, or their base64. */
  masterKey?: Buffer | string;
  /** Default `silent`. */
  logLevel?: Config["logLevel"];
  /** A seed file (JSON or YAML) applied before `startCognate` resolves. */
  seed?: string;
  /** The Lambda API endpoint that runs trigger functions. */
  lambdaEndpoint?: string;
  /** A JSON file mapping function names or ARNs to local modules that run triggers. */
  functions?: string;
  /** 32 bytes, or their base64: the secret custom sender codes' keys derive from. */
  senderKey?: Buffer | string;
  deterministicIds?: boolean;
  metrics?: boolean;
  logRequests?: boolean;
  auditRetentionDays?: number;
  /** Days an outbox message is kept (default 7). */
  outboxRetentionDays?: number;
  /** Directory where pools' log-delivery destinations are written (docs/behaviour.md#log-delivery). */
  logDeliveryDir?: string;
  /** Seconds between background sweeps of expired rows; 0: none. */
  sweepIntervalSeconds?: number;
  manualMigrations?: boolean;
  /** argon2id cost as `m=<KiB>,t=<passes>,p=<lanes>`. */
  argon2?: string;
  /** Serve HTTPS; without tlsCert/tlsKey a self-signed certificate is generated in the data directory. */
  tls?: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

/** Credentials any dev-mode Cognate accepts (it requires a signature but cannot check one). */
const DEV_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
const OUTBOX_SCAN = 1000;

export interface RunningCognate {
  /** The base URL of the Cognito API, e.g. `http://127.0.0.1:41235` (`https://` with `tls`). */
  endpoint: string;
  /** Under TLS, the PEM certificate served, for a client to trust (e.g. `new https.Agent({ ca })`). */
  tlsCertificate: string | undefined;
  region: string;
  /** The seed's pools by PoolName, with their ids and their clients' ids and secrets by ClientName. */
  seeded: SeedResult;
  /** For `new CognitoIdentityProviderClient(…)` of the AWS SDK v3. */
  sdkConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  /** For `Amplify.configure(…)` (v6). */
  amplifyConfig(userPoolId: string, userPoolClientId: string): {
    Auth: { Cognito: { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string } };
  };
  /** For `new CognitoUserPool(…)` of amazon-cognito-identity-js. */
  cognitoIdentityJsPoolData(userPoolId: string, clientId: string): { UserPoolId: string; ClientId: string; endpoint: string };
  /** The code of the newest message sent to a user (username, alias or sub), or undefined when none has one. */
  latestCode(poolId: string, username: string): Promise<string | undefined>;
  /** The messages Cognate would have sent, oldest first. */
  outbox(query?: { poolId?: string; username?: string }): Promise<OutboxMessage[]>;
  /** Moves Cognate's clock forward (codes, tokens and temporary passwords expire as if time had passed). */
  advanceClock(seconds: number): Promise<void>;
  /** Stops listening, finishes the requests in flight and closes storage. */
  stop(): Promise<void>;
}

/** Starts Cognate in this process on a free loopback port; resolves once it answers, seed applied. */
export async function startCognate(options: CognateOptions = {}): Promise<RunningCognate> {
  const config = resolveConfig({}, settingsAsEnvironment({ port: 0, db: "sqlite::memory:", logLevel: "silent", ...options }));
  const tls = await loadTls(config);
  const app = await createApp(config);
  let seeded: SeedResult = { pools: {} };
  try {
    if (config.seed !== undefined) seeded = await app.commands.applySeedFile(config.seed);
  } catch (error) {
    await app.close();
    throw error;
  }
  const server = buildServer(app, tls);
  await server.listen({ host: config.host, port: config.port });
  const address = server.server.address();
  app.listeningOn(typeof address === "object" && address !== null ? address.port : config.port);
  const endpoint = app.publicUrl();
  return {
    endpoint,
    tlsCertificate: tls?.cert,
    region: config.region,
    seeded,
    sdkConfig: { endpoint, region: config.region, credentials: { ...DEV_CREDENTIALS } },
    amplifyConfig: (userPoolId, userPoolClientId) => ({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint: endpoint } } }),
    cognitoIdentityJsPoolData: (UserPoolId, ClientId) => ({ UserPoolId, ClientId, endpoint }),
    latestCode: async (poolId, username) => {
      const messages = await outbox(app, { poolId, username });
      return messages.reverse().find((message) => message.code !== null)?.code ?? undefined;
    },
    outbox: (query = {}) => outbox(app, query),
    advanceClock: async (seconds) => {
      await app.control.advanceClock(seconds);
    },
    stop: async () => {
      await server.close();
      await app.close();
    },
  };
}

function outbox(app: App, query: { poolId?: string; username?: string }): Promise<OutboxMessage[]> {
  return app.control.outbox({ ...query, limit: OUTBOX_SCAN });
}

/** The options as the environment variables `cognate serve` reads, so they are parsed and checked alike. */
function settingsAsEnvironment(values: CognateOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const option of settingOptions) {
    const value: unknown = values[option.key];
    if (value === undefined) continue;
    env[option.env] =
      typeof value === "boolean"
        ? value ? "1" : "0"
        : Buffer.isBuffer(value)
          ? value.toString("base64")
          : typeof value === "object"
            ? JSON.stringify(value)
            : String(value);
  }
  return env;
}
