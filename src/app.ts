import { randomUUID } from "node:crypto";
import { pino, type Logger } from "pino";
import { controlApiEnabled, isSecureMode, type Config } from "./config/schema.js";
import { invokeOperation } from "./api/pipeline.js";
import type { Deps, RequestContext } from "./api/types.js";
import type { Clock } from "./domain/clock.js";
import { cryptoRandom, type Random } from "./domain/random.js";
import { argon2Hasher } from "./domain/passwords/argon2.js";
import type { PasswordHasher } from "./domain/passwords/hasher.js";
import type { OperationName } from "./model/operations.gen.js";
import { loadCredentialsFile, type CredentialSet } from "./protocol/sigv4/credentials.js";
import { openStore } from "./storage/open.js";
import type { Store } from "./domain/ports/store.js";

export type Mode = "dev" | "secure";

/** The composition root: every dependency is built here once and handed down. */
export interface App {
  readonly config: Config;
  readonly mode: Mode;
  readonly deps: Deps;
  readonly clock: Clock;
  readonly log: Logger;
  /** Null in dev mode, where signatures are required but cannot be checked. */
  readonly credentials: CredentialSet | null;
  readonly controlApi: boolean;
  invoke(operation: OperationName, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
  /** A context for callers without an HTTP request (CLI commands): the default region, the clock's now. */
  localContext(): Promise<RequestContext>;
  /** Tells the app the port it listens on: the default public URL names it. */
  listeningOn(port: number): void;
  close(): Promise<void>;
}

export interface AppOverrides {
  store?: Store;
  clock?: Clock;
  random?: Random;
  hasher?: PasswordHasher;
  log?: Logger;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  // Read the credentials before touching storage: a bad file must stop us with nothing opened.
  const credentials = isSecureMode(config) ? loadCredentialsFile(config.credentials!) : null;
  const store = overrides.store ?? (await openStore(config.db, { masterKey: config.masterKey }));
  const controlApi = controlApiEnabled(config);
  const clock = overrides.clock ?? storeClock(store, controlApi);
  // Bodies are never logged; redaction is the safety net should a request object reach a log line.
  let boundPort = config.port;
  const publicUrl = () => config.publicUrl ?? `http://${urlHost(config.host)}:${boundPort}`;
  const log = overrides.log ?? pino({ level: config.logLevel, redact: ["req.headers.authorization", "req.body"] });
  const mode: Mode = credentials === null ? "dev" : "secure";
  const deps: Deps = {
    store,
    random: overrides.random ?? cryptoRandom,
    hasher: overrides.hasher ?? argon2Hasher,
    config,
    log,
    publicUrl,
  };
  return {
    config,
    mode,
    deps,
    clock,
    log,
    credentials,
    controlApi,
    invoke: (operation, input, ctx) => invokeOperation(deps, operation, input, ctx, { checkModelledErrors: mode === "dev" }),
    localContext: async () => ({
      requestId: randomUUID(),
      now: await clock.now(),
      region: config.region,
      accountId: config.accountId,
    }),
    listeningOn: (port) => {
      boundPort = port;
    },
    close: () => store.close(),
  };
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * The wall clock plus the offset the local control API sets. The offset lives in the database so that
 * every instance agrees; without the control API nobody can move it, so it is not read.
 */
function storeClock(store: Store, controlApi: boolean): Clock {
  if (!controlApi) return { now: async () => new Date() };
  return {
    async now() {
      const offsetSeconds = await store.settings.clockOffsetSeconds();
      return new Date(Date.now() + offsetSeconds * 1000);
    },
  };
}
