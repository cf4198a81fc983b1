import { randomUUID } from "node:crypto";
import { pino, type Logger } from "pino";
import { controlApiEnabled, isSecureMode, type Config } from "./config/schema.js";
import { effectiveRateLimits } from "./config/rateLimits.js";
import { invokeOperation, type PipelineSettings } from "./api/pipeline.js";
import { ProvisionedRates } from "./api/throttle/provisioned.js";
import type { Deps, RequestContext } from "./api/types.js";
import { importUsersCommand } from "./api/commands/importUsers.js";
import { rotateSigningKeysCommand } from "./api/commands/rotateSigningKeys.js";
import { runCommand } from "./api/commands/run.js";
import { advanceClock, clockState, outboxMessages, type ClockState, type OutboxQuery } from "./api/endpoints/control.js";
import { openIdConfiguration, poolJwks } from "./api/endpoints/wellKnown.js";
import type { AuditEvent, AuditQuery } from "./domain/audit/types.js";
import type { Clock } from "./domain/clock.js";
import type { OutboxMessage } from "./domain/messages/types.js";
import type { Store } from "./domain/ports/store.js";
import { cryptoRandom, type Random } from "./domain/random.js";
import { argon2Hasher } from "./domain/passwords/argon2.js";
import type { PasswordHasher } from "./domain/passwords/hasher.js";
import type { ImportSummary } from "./domain/users/importUsers.js";
import type { OperationName } from "./model/operations.gen.js";
import type { Caller } from "./protocol/sigv4/verify.js";
import { loadCredentialsFile, type CredentialSet } from "./protocol/sigv4/credentials.js";
import { openStore, rotateMasterKey } from "./storage/open.js";

export type { RequestContext } from "./api/types.js";
export type { AuditEvent, AuditQuery } from "./domain/audit/types.js";
export type { ImportSummary } from "./domain/users/importUsers.js";
export type { OutboxMessage } from "./domain/messages/types.js";

export type Mode = "dev" | "secure";

/**
 * The composition root and the one entry for every caller (the API route, the CLI, and the pages to come):
 * every dependency is built here once, and every call gets the same clock, authorisation, throttling and
 * audit trail. Nothing outside reaches around it into the domain or the store.
 */
export interface App {
  readonly config: Config;
  readonly mode: Mode;
  readonly log: Logger;
  /** Null in dev mode, where signatures are required but cannot be checked. */
  readonly credentials: CredentialSet | null;
  readonly controlApi: boolean;
  /** What the handlers are given; for tests that look at stored state directly. */
  readonly deps: Deps;
  readonly clock: Clock;
  /** A Cognito API operation: authorisation, throttling, validation, the handler, the audit trail. */
  invoke(operation: OperationName, input: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
  /** A request's context: the clock read once, the caller's region or the default one. */
  requestContext(request: { requestId: string; caller?: Caller; sourceIp?: string }): Promise<RequestContext>;
  /** A context for callers without an HTTP request (CLI commands): the default region, the clock's now. */
  localContext(): Promise<RequestContext>;
  /** The base URL clients reach Cognate at. */
  publicUrl(): string;
  /** Resolves when storage answers. */
  health(): Promise<void>;
  jwks(poolId: string): Promise<{ keys: object[] }>;
  openIdConfiguration(poolId: string): Promise<object>;
  /** The local control API (dev mode). */
  control: {
    clock(): Promise<ClockState>;
    advanceClock(seconds: number): Promise<ClockState>;
    outbox(query: OutboxQuery): Promise<OutboxMessage[]>;
  };
  /** Operator commands, audited as `cognate:<Name>`. */
  commands: {
    importUsers(poolId: string, csv: AsyncIterable<string>, onRows?: (rows: number) => void): Promise<ImportSummary>;
    rotateSigningKeys(poolId: string): Promise<void>;
    /** Re-encrypts every stored secret with the configured master key (from `fromKey`, or from clear text). */
    rotateMasterKey(fromKey: Buffer | undefined): Promise<number>;
  };
  /** The audit trail, oldest first, filtered; pages are fetched as the caller reads. */
  auditEvents(query: Omit<AuditQuery, "limit" | "after">): AsyncGenerator<AuditEvent>;
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

const AUDIT_PAGE = 500;

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  // Read the credentials before touching storage: a bad file must stop us with nothing opened.
  const credentials = isSecureMode(config) ? loadCredentialsFile(config.credentials!) : null;
  const store = overrides.store ?? (await openStore(config.db, { masterKey: config.masterKey }));
  const controlApi = controlApiEnabled(config);
  const clock = overrides.clock ?? storeClock(store, controlApi);
  const mode: Mode = credentials === null ? "dev" : "secure";
  let boundPort = config.port;
  const publicUrl = () => config.publicUrl ?? `http://${urlHost(config.host)}:${boundPort}`;
  // Bodies are never logged; redaction is the safety net should a request object reach a log line.
  const log = overrides.log ?? pino({ level: config.logLevel, redact: ["req.headers.authorization", "req.body"] });
  const rateLimits = effectiveRateLimits(config.rateLimits, mode === "secure");
  const deps: Deps = {
    store,
    random: overrides.random ?? cryptoRandom,
    hasher: overrides.hasher ?? argon2Hasher,
    publicUrl,
    tokenIssuer: config.tokenIssuer,
    secureMode: mode === "secure",
    log,
    rateLimits,
    provisionedRates: new ProvisionedRates(store.rateLimits),
  };
  const settings: PipelineSettings = {
    auditReads: config.auditReads,
    rateLimits,
    checkModelledErrors: mode === "dev",
  };
  const requestContext: App["requestContext"] = async (request) => ({
    ...request,
    now: await clock.now(),
    region: request.caller?.region ?? config.region,
    accountId: config.accountId,
  });
  const localContext = () => requestContext({ requestId: randomUUID() });
  return {
    config,
    mode,
    log,
    credentials,
    controlApi,
    deps,
    clock,
    invoke: (operation, input, ctx) => invokeOperation(deps, settings, operation, input, ctx),
    requestContext,
    localContext,
    publicUrl,
    health: () => store.ping(),
    jwks: async (poolId) => poolJwks(deps, poolId, await clock.now()),
    openIdConfiguration: (poolId) => openIdConfiguration(deps, poolId),
    control: {
      clock: async () => clockState(deps, await clock.now()),
      advanceClock: async (seconds) => {
        await advanceClock(deps, seconds);
        return clockState(deps, await clock.now());
      },
      outbox: (query) => outboxMessages(deps, query),
    },
    commands: {
      importUsers: async (poolId, csv, onRows) => importUsersCommand(deps, await localContext(), poolId, csv, onRows),
      rotateSigningKeys: async (poolId) => rotateSigningKeysCommand(deps, await localContext(), poolId),
      rotateMasterKey: async (fromKey) => {
        if (config.masterKey === undefined) throw new Error("COGNATE_MASTER_KEY must be set to the new master key");
        const to = config.masterKey;
        return runCommand(deps, await localContext(), "RotateMasterKey", {}, async (audit) => {
          const { reencrypted } = await rotateMasterKey(config.db, fromKey, to);
          audit.note({ reencrypted });
          return reencrypted;
        });
      },
    },
    auditEvents: async function* (query) {
      let after: string | undefined;
      do {
        const page = await store.audit.list({ ...query, limit: AUDIT_PAGE, ...(after === undefined ? {} : { after }) });
        yield* page.items;
        after = page.nextAfter;
      } while (after !== undefined);
    },
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
