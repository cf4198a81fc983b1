import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pino, type Logger } from "pino";
import { controlApiEnabled, isSecureMode, metricsEnabled, type Config } from "./config/schema.js";
import { effectiveRateLimits } from "./config/rateLimits.js";
import { invokeOperation, type PipelineSettings } from "./api/pipeline.js";
import { ProvisionedRates } from "./api/throttle/provisioned.js";
import type { Deps, RequestContext } from "./api/types.js";
import { importUsersCommand } from "./api/commands/importUsers.js";
import { rotateSigningKeysCommand } from "./api/commands/rotateSigningKeys.js";
import { runCommand } from "./api/commands/run.js";
import { applySeed, type LocalInvoke, type SeedResult } from "./api/commands/seed.js";
import { parseSeed, SeedError, type SeedPool } from "./api/commands/seedFile.js";
import { exportPool } from "./api/commands/exportPool.js";
import { cognitoLocalSeed, type CognitoLocalFile } from "./api/commands/cognitoLocal.js";
import { createMetrics, type Metrics } from "./api/metrics.js";
import { exportAuditCommand } from "./api/commands/exportAudit.js";
import { sweepCommand } from "./api/commands/sweep.js";
import { startSweeper, type SweepCounts, type SweepPolicy, type Sweeper } from "./api/sweep.js";
import { startUserImportJobRunner, type UserImportJobRunner } from "./api/userImportJobs.js";
import { uploadUserImportFile, type UploadOutcome } from "./domain/userImport/jobs.js";
import { advanceClock, clockState, outboxMessages, type ClockState, type OutboxQuery } from "./api/endpoints/control.js";
import { openIdConfiguration, poolJwks } from "./api/endpoints/wellKnown.js";
import { fileLogDestinations } from "./api/logDestinations.js";
import {
  CONSOLE_SESSION_SECONDS,
  consoleAuditPage,
  consoleOutbox,
  consoleSessionCaller,
  consoleSignIn,
  devConsoleCaller,
} from "./api/endpoints/console.js";
import { csrfMatches, newCsrfToken } from "./domain/oauth/login.js";
import { updateRequestKeeping } from "./domain/pools/userPool.js";
import type { PageResult } from "./domain/ports/store.js";
import type { PasswordHashingAlgorithmType, UpdateUserPoolRequest, UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { lambdaApiInvoker } from "./api/triggers/lambdaApi.js";
import { localFunctionsInvoker } from "./api/triggers/localFunctions.js";
import { senderCodeCipher, senderKeyFor, type SenderKey } from "./api/triggers/senderCodes.js";
import { recordedInvoker, type InvocationQuery, type TriggerInvocation } from "./api/triggers/recorded.js";
import { triggersOff, type TriggerInvoker } from "./domain/ports/triggers.js";
import {
  authorizeEndpoint,
  challengePageEndpoint,
  challengeSubmitEndpoint,
  idpResponseEndpoint,
  samlResponseEndpoint,
  samlLogoutEndpoint,
  standInPageEndpoint,
  standInSubmitEndpoint,
  loginPageEndpoint,
  loginSubmitEndpoint,
  logoutEndpoint,
  revokeEndpoint,
  tokenEndpoint,
  userInfoEndpoint,
  type PageAnswer,
  type PageRequest,
  uiLogo,
  managedLoginAssetEndpoint,
} from "./api/endpoints/oauth.js";
import { depsForHost } from "./api/endpoints/host.js";
import type { PageChallenge } from "./domain/oauth/login.js";
import { selfServicePageEndpoint, selfServiceSubmitEndpoint, type SelfServicePage } from "./api/endpoints/selfServicePages.js";
import type { FormFields } from "./domain/oauth/form.js";
import type { TokenResponse } from "./domain/oauth/tokenGrant.js";
import type { AuditEvent, AuditQuery } from "./domain/audit/types.js";
import type { Clock } from "./domain/clock.js";
import type { OutboxMessage } from "./domain/messages/types.js";
import type { Store } from "./domain/ports/store.js";
import type { ProviderHttp } from "./domain/identityProviders/types.js";
import { cryptoRandom, sequenceRandom, type Random } from "./domain/random.js";
import { argon2idHasher } from "./domain/passwords/argon2.js";
import type { PasswordHasher } from "./domain/passwords/hasher.js";
import type { ImportSummary } from "./domain/users/importUsers.js";
import type { OperationName } from "./model/operations.gen.js";
import type { Caller } from "./protocol/sigv4/verify.js";
import { loadCredentialsFile, type CredentialSet } from "./protocol/sigv4/credentials.js";
import { openStore, rotateMasterKey } from "./storage/open.js";
import { backupDatabase, restoreDatabase } from "./storage/backup.js";
import type { SchemaVersion } from "./domain/ports/store.js";

export type { RequestContext } from "./api/types.js";
export type { AuditEvent, AuditQuery } from "./domain/audit/types.js";
export type { ImportSummary } from "./domain/users/importUsers.js";
export { MAX_IMPORT_FILE_BYTES } from "./domain/userImport/jobs.js";
export type { OutboxMessage } from "./domain/messages/types.js";
export type { SeedResult, SeededPool, SeededClient } from "./api/commands/seed.js";
export type { Seed, SeedPool, SeedUser } from "./api/commands/seedFile.js";
export type { FormFields } from "./domain/oauth/form.js";
export type { CookieChange, PageAnswer, PageForm, PageRequest } from "./api/endpoints/oauth.js";
export { CHALLENGE_PATHS } from "./api/endpoints/oauth.js";
export { SELF_SERVICE_PATHS, type SelfServicePage } from "./api/endpoints/selfServicePages.js";
export type { PageChallenge } from "./domain/oauth/login.js";

/** Who sent an HTTP request: its id for the logs and audit trail, and the peer's address. */
export interface RequestOrigin {
  requestId: string;
  sourceIp?: string;
}
export type { TokenResponse } from "./domain/oauth/tokenGrant.js";
export type { SweepCounts } from "./api/sweep.js";
export type { SchemaVersion } from "./domain/ports/store.js";
export type { TriggerInvocation, InvocationQuery } from "./api/triggers/recorded.js";

export type Mode = "dev" | "secure";

export interface CognitoLocalImport {
  /** By PoolName: cognito-local's id, Cognate's id, and each client's old and new ids by ClientName. */
  pools: Array<{ name: string; oldId: string; id: string; clients: Array<{ name: string; oldId: string; id: string }> }>;
  /** The options of cognito-local's config.json that were present (none of them is carried over). */
  configOptions: string[];
}

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
  /** The schema version when storage answers (rejects when it does not). */
  health(): Promise<SchemaVersion>;
  /** Starts sweeping expired rows in the background (`cognate serve`); undefined when the interval is 0. */
  startSweeper(): Sweeper | undefined;
  jwks(poolId: string): Promise<{ keys: object[] }>;
  openIdConfiguration(poolId: string): Promise<object>;
  /** The OAuth 2.0 / OpenID Connect endpoints on Cognate's own URL, for every pool; failures are OAuthErrors. */
  oauth: OAuthEndpoints;
  /** The OAuth endpoints as served on the request's Host: only that pool when it is a pool's domain. */
  oauthAt(host: string | undefined): Promise<OAuthEndpoints>;
  /** A UI customization's logo while `version` is its current one (the address GetUICustomization gives). */
  uiLogo(poolId: string, clientId: string, version: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
  /** An image of a managed login branding style while `version` is its current one (the address the pages use). */
  managedLoginAsset(at: { poolId: string; brandingId: string; version: string; category: string; colorMode: string }): Promise<{ bytes: Buffer; contentType: string } | undefined>;
  /** The local control API (dev mode). */
  control: {
    clock(): Promise<ClockState>;
    advanceClock(seconds: number): Promise<ClockState>;
    outbox(query: OutboxQuery): Promise<OutboxMessage[]>;
    /** The newest trigger invocations of this instance, oldest first, their events' secrets masked. */
    invocations(query: InvocationQuery): TriggerInvocation[];
    /** The raw AES keyring that decrypts custom sender codes encrypted for `kmsKeyId`. */
    senderKey(kmsKeyId: string): SenderKey;
  };
  /**
   * The admin console (docs/behaviour.md, "The admin console"): who the browser is and the views that are not
   * operations. What it changes goes through `invoke` with the context `console.context` gives.
   */
  console: {
    readonly sessionSeconds: number;
    /**
     * Secure mode: a session for a credential's access key id and secret; undefined when they do not match.
     * Attempts count against the UserAuthentication quota (TooManyRequestsException beyond it).
     */
    signIn(accessKeyId: string, secretAccessKey: string): Promise<{ session: string; expiresAt: Date } | undefined>;
    /**
     * The context of a console request: in secure mode that of the session's credential (undefined without a
     * valid session), in dev mode the console's own caller.
     */
    context(request: { requestId: string; sourceIp?: string; session: string | undefined }): Promise<RequestContext | undefined>;
    newCsrfToken(): string;
    csrfMatches(cookie: string | undefined, field: string | undefined): boolean;
    /** The UpdateUserPool request that keeps every setting of the described pool. */
    updateRequestKeeping(pool: UserPoolType & { Id: string }): UpdateUserPoolRequest & { UserPoolId: string };
    /** One page of the audit trail, newest first; in secure mode the caller's policy must allow reading it. */
    auditPage(ctx: RequestContext, query: Omit<AuditQuery, "newestFirst">): Promise<PageResult<AuditEvent>>;
    /** The latest messages (dev mode), newest first. */
    outbox(query: { poolId?: string; limit: number }): Promise<OutboxMessage[]>;
  };
  /** Operator commands, audited as `cognate:<Name>`. */
  commands: {
    /** `passwordHashingAlgorithm`: that of the file's `cognito:password_hash` column, as a user import job's. */
    importUsers(
      poolId: string,
      csv: AsyncIterable<string>,
      onRows?: (rows: number) => void,
      passwordHashingAlgorithm?: PasswordHashingAlgorithmType,
    ): Promise<ImportSummary>;
    rotateSigningKeys(poolId: string): Promise<void>;
    /** Re-encrypts every stored secret with the configured master key (from `fromKey`, or from clear text). */
    rotateMasterKey(fromKey: Buffer | undefined): Promise<number>;
    /** Applies a seed file's text (JSON or YAML) through the operations; `file` names it in errors. */
    applySeed(text: string, file: string): Promise<SeedResult>;
    /** Reads the seed file at `path` and applies it. */
    applySeedFile(path: string): Promise<SeedResult>;
    /** One pool in the seed format. */
    exportPool(poolId: string): Promise<SeedPool>;
    /** Creates the pools, clients, groups and users of a cognito-local data directory. */
    importCognitoLocal(dir: string): Promise<CognitoLocalImport>;
    /** Removes every expired row now, batch by batch; the counts per kind. */
    sweep(): Promise<SweepCounts>;
    /** Hands every audit event not exported before to `write` (one JSON line each), then marks them exported. */
    exportAudit(write: (line: string) => Promise<void>): Promise<number>;
    /** A consistent copy of the SQLite database into a new file, while serving goes on. */
    backup(file: string): Promise<{ pages: number }>;
    /** Replaces the SQLite database with a backup; one holding user pools only with `force`. */
    restore(file: string, force: boolean): Promise<{ pools: number }>;
  };
  /** Prometheus metrics; null when /metrics is off. */
  readonly metrics: Metrics | null;
  /** The audit trail, oldest first, filtered; pages are fetched as the caller reads. */
  auditEvents(query: Omit<AuditQuery, "limit" | "after">): AsyncGenerator<AuditEvent>;
  /**
   * A PUT of a user import job's file to its PreSignedUrl (docs/behaviour.md, User import jobs); "unknown" for a
   * wrong token, job or pool alike.
   */
  uploadUserImportFile(request: { poolId: string; jobId: string; token: string; csv: string }): Promise<UploadOutcome>;
  /**
   * Tells the app the port it listens on: the default public URL names it. A serving app also runs user import
   * jobs from then on, resuming those a stopped instance left InProgress.
   */
  listeningOn(port: number): void;
  close(): Promise<void>;
}

/** The OAuth 2.0 / OpenID Connect endpoints; failures are OAuthErrors. */
export interface OAuthEndpoints {
  /** POST /oauth2/token: the form's fields and the Authorization header as sent. */
  token(request: { form: FormFields; authorization: string | undefined; sourceIp?: string; requestId: string }): Promise<TokenResponse>;
  /** GET /oauth2/authorize: the query's fields, the query string as sent, the cookies. */
  authorize(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET (or Sign in with Apple's POST) /oauth2/idpresponse: an identity provider's answer to a federated sign-in. */
  idpResponse(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** POST /saml2/idpresponse: a SAML IdP's response (the form's SAMLResponse and RelayState). */
  samlResponse(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** POST /saml2/logout: a SAML IdP's LogoutResponse to a single logout (the form's SAMLResponse and RelayState). */
  samlLogout(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET /_cognate/federation/<provider>: the dev-mode stand-in page of a social provider. */
  standInPage(providerName: string, request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** POST /_cognate/federation/<provider>: the identity typed on the stand-in page signs in. */
  standInSubmit(providerName: string, request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET /login. */
  loginPage(request: PageRequest): Promise<PageAnswer>;
  /** POST /login: the form and the cookies (the CSRF one, the session's). */
  loginSubmit(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET of a challenge's page (CHALLENGE_PATHS). */
  challengePage(challenge: PageChallenge, request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** POST of a challenge's page. */
  challengeSubmit(challenge: PageChallenge, request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET of a self-service page (SELF_SERVICE_PATHS). */
  selfServicePage(page: SelfServicePage, request: PageRequest): Promise<PageAnswer>;
  /** POST of a self-service page: the API operation behind it, through the pipeline like any client's call. */
  selfServiceSubmit(page: SelfServicePage, request: PageRequest & RequestOrigin): Promise<PageAnswer>;
  /** GET|POST /oauth2/userInfo with the Authorization header as sent; refusals are OAuthError invalid_token. */
  userInfo(request: { authorization: string | undefined; requestId: string }): Promise<Record<string, string>>;
  /** POST /oauth2/revoke: the form and the Authorization header as sent; refusals are OAuthErrors. */
  revoke(request: { form: FormFields; authorization: string | undefined } & RequestOrigin): Promise<void>;
  /** GET /logout: ends the managed-login session the cookies hold. */
  logout(request: PageRequest & RequestOrigin): Promise<PageAnswer>;
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
  const metrics = metricsEnabled(config) ? createMetrics() : null;
  const openedStore =
    overrides.store ?? (await openStore(config.db, { masterKey: config.masterKey, migrate: !config.manualMigrations }));
  const store = metrics === null ? openedStore : metrics.timedStore(openedStore);
  const controlApi = controlApiEnabled(config);
  const clock = overrides.clock ?? storeClock(store, controlApi);
  const mode: Mode = credentials === null ? "dev" : "secure";
  let boundPort = config.port;
  const publicUrl = () => config.publicUrl ?? `${config.tls ? "https" : "http"}://${urlHost(config.host)}:${boundPort}`;
  const log = overrides.log ?? (await createLogger(config));
  const rateLimits = effectiveRateLimits(config.rateLimits, mode === "secure");
  const triggers = recordedInvoker(triggerInvoker(config), log);
  const deps: Deps = {
    store,
    // docs/behaviour.md, "Deterministic ids": one fixed sequence per process, for snapshot tests.
    random: overrides.random ?? (config.deterministicIds ? sequenceRandom("cognate") : cryptoRandom),
    hasher: overrides.hasher ?? argon2idHasher(config.argon2),
    publicUrl,
    tokenIssuer: config.tokenIssuer,
    secureMode: mode === "secure",
    log,
    rateLimits,
    provisionedRates: new ProvisionedRates(store.rateLimits),
    logDestinations: config.logDeliveryDir === undefined ? undefined : fileLogDestinations(config.logDeliveryDir, log),
    triggers,
    providerHttp: httpProviders,
    senderCodes: senderCodeCipher(config.senderKey),
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
  const originContext = (requestId: string, sourceIp: string | undefined) =>
    requestContext({ requestId, ...(sourceIp === undefined ? {} : { sourceIp }) });
  const invoke: App["invoke"] =
    metrics === null
      ? (operation, input, ctx) => invokeOperation(deps, settings, operation, input, ctx)
      : async (operation, input, ctx) => {
          const started = process.hrtime.bigint();
          const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
          try {
            const output = await invokeOperation(deps, settings, operation, input, ctx);
            metrics.observeOperation(operation, seconds(), output, undefined);
            return output;
          } catch (error) {
            metrics.observeOperation(operation, seconds(), undefined, error);
            throw error;
          }
        };
  const localInvoke = (async (operation: OperationName, input: Record<string, unknown>, assigned?: { clientId?: string }) =>
    invoke(operation, input, {
      ...(await localContext()),
      ...(assigned?.clientId === undefined ? {} : { assignedClientId: assigned.clientId }),
    })) as LocalInvoke;
  const seed = async (text: string, file: string) => {
    const { seed: parsed, source } = await parseSeed(text, file);
    return applySeed(localInvoke, parsed, source);
  };
  const sweepPolicy: SweepPolicy = {
    auditRetentionDays: config.auditRetentionDays,
    outboxRetentionDays: config.outboxRetentionDays,
    bucketIdleSeconds: bucketRefillSeconds(settings.rateLimits),
  };
  // One set per pool domain a request arrives on (App.oauthAt), the same code with a pool-scoped store.
  const oauthEndpoints = (deps: Deps): OAuthEndpoints => ({
    token: async ({ form, authorization, sourceIp, requestId }) =>
      tokenEndpoint(deps, settings.rateLimits, { form, authorization }, await requestContext({ requestId, ...(sourceIp === undefined ? {} : { sourceIp }) })),
    authorize: async ({ requestId, sourceIp, ...request }) => authorizeEndpoint(deps, request, await originContext(requestId, sourceIp)),
    idpResponse: async ({ requestId, sourceIp, ...request }) => idpResponseEndpoint(deps, settings.rateLimits, request, await originContext(requestId, sourceIp)),
    samlResponse: async ({ requestId, sourceIp, ...request }) =>
      samlResponseEndpoint(deps, settings.rateLimits, request, await originContext(requestId, sourceIp)),
    samlLogout: async ({ requestId, sourceIp, ...request }) => samlLogoutEndpoint(deps, request, await originContext(requestId, sourceIp)),
    standInPage: async (providerName, { requestId, sourceIp, ...request }) => standInPageEndpoint(deps, providerName, request, await originContext(requestId, sourceIp)),
    standInSubmit: async (providerName, { requestId, sourceIp, ...request }) =>
      standInSubmitEndpoint(deps, providerName, request, await originContext(requestId, sourceIp)),
    loginPage: (request) => loginPageEndpoint(deps, request),
    loginSubmit: async ({ requestId, sourceIp, ...request }) =>
      loginSubmitEndpoint(deps, settings.rateLimits, request, await originContext(requestId, sourceIp)),
    challengePage: async (challenge, { requestId, sourceIp, ...request }) =>
      challengePageEndpoint(deps, challenge, request, await originContext(requestId, sourceIp)),
    challengeSubmit: async (challenge, { requestId, sourceIp, ...request }) =>
      challengeSubmitEndpoint(deps, settings.rateLimits, challenge, request, await originContext(requestId, sourceIp)),
    selfServicePage: (page, request) => selfServicePageEndpoint(deps, page, request),
    selfServiceSubmit: async (page, { requestId, sourceIp, ...request }) =>
      selfServiceSubmitEndpoint(deps, invoke, page, request, await originContext(requestId, sourceIp)),
    userInfo: async ({ authorization, requestId }) => userInfoEndpoint(deps, authorization, await requestContext({ requestId })),
    revoke: async ({ form, authorization, requestId, sourceIp }) => revokeEndpoint(deps, { form, authorization }, await originContext(requestId, sourceIp)),
    logout: async ({ requestId, sourceIp, ...request }) => logoutEndpoint(deps, request, await originContext(requestId, sourceIp)),
  });

  const oauth = oauthEndpoints(deps);
  let importJobRunner: UserImportJobRunner | undefined;
  return {
    config,
    mode,
    log,
    credentials,
    controlApi,
    deps,
    clock,
    invoke,
    metrics,
    requestContext,
    localContext,
    publicUrl,
    health: async () => {
      await store.ping();
      return store.schemaVersion();
    },
    startSweeper: () =>
      config.sweepIntervalSeconds === 0
        ? undefined
        : startSweeper({ store, clock, policy: sweepPolicy, intervalMs: config.sweepIntervalSeconds * 1000, log }),
    jwks: async (poolId) => poolJwks(deps, poolId, await clock.now()),
    openIdConfiguration: (poolId) => openIdConfiguration(deps, poolId),
    oauth,
    uiLogo: (poolId, clientId, version) => uiLogo(deps, poolId, clientId, version),
    managedLoginAsset: (at) => managedLoginAssetEndpoint(deps, at),
    oauthAt: async (host) => {
      const scoped = await depsForHost(deps, host);
      return scoped === deps ? oauth : oauthEndpoints(scoped);
    },
    control: {
      clock: async () => clockState(deps, await clock.now()),
      advanceClock: async (seconds) => {
        await advanceClock(deps, seconds);
        return clockState(deps, await clock.now());
      },
      outbox: (query) => outboxMessages(deps, query),
      invocations: (query) => triggers.invocations(query),
      senderKey: (kmsKeyId) => senderKeyFor(config.senderKey, kmsKeyId),
    },
    console: {
      sessionSeconds: CONSOLE_SESSION_SECONDS,
      signIn: async (accessKeyId, secretAccessKey) =>
        credentials === null
          ? undefined
          : consoleSignIn(deps, credentials, { accessKeyId, secretAccessKey, region: config.region, now: await clock.now() }),
      context: async ({ session, ...request }) => {
        const account = { accountId: config.accountId, region: config.region };
        const caller =
          credentials === null ? devConsoleCaller(account) : consoleSessionCaller(credentials, account, session, await clock.now());
        return caller === undefined ? undefined : requestContext({ ...request, caller });
      },
      newCsrfToken: () => newCsrfToken(deps.random),
      csrfMatches,
      updateRequestKeeping,
      auditPage: (ctx, query) => consoleAuditPage(deps, ctx, query),
      outbox: (query) => consoleOutbox(deps, query),
    },
    commands: {
      importUsers: async (poolId, csv, onRows, passwordHashingAlgorithm) =>
        importUsersCommand(deps, await localContext(), poolId, csv, { ...(onRows === undefined ? {} : { onRows }), ...(passwordHashingAlgorithm === undefined ? {} : { passwordHashingAlgorithm }) }),
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
      applySeed: seed,
      applySeedFile: async (path) => {
        const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new SeedError(`cannot read the seed file ${path} (${error.code ?? error.message})`);
        });
        return seed(text, path);
      },
      exportPool: (poolId) => exportPool(localInvoke, poolId),
      importCognitoLocal: async (dir) => {
        const files = await readCognitoLocalDirectory(dir);
        const converted = cognitoLocalSeed(files.pools, files.clients);
        const applied = await applySeed(localInvoke, converted.seed, { file: dir, lineOf: () => 0 });
        return {
          pools: Object.values(applied.pools).map((pool) => ({
            name: pool.name,
            oldId: converted.poolIds[pool.name]!,
            id: pool.id,
            clients: Object.entries(pool.clients).map(([name, client]) => ({
              name,
              oldId: converted.clientIds[pool.name]?.[name] ?? "",
              id: client.id,
            })),
          })),
          configOptions: files.config === undefined ? [] : Object.keys(files.config as object),
        };
      },
      sweep: async () => sweepCommand(deps, await localContext(), sweepPolicy),
      exportAudit: async (write) => exportAuditCommand(deps, await localContext(), write),
      backup: async (file) =>
        runCommand(deps, await localContext(), "Backup", {}, async (audit) => {
          const copied = await backupDatabase(config.db, file);
          audit.note({ pages: copied.pages });
          return copied;
        }),
      restore: async (file, force) =>
        runCommand(deps, await localContext(), "Restore", {}, async (audit) => {
          const restored = await restoreDatabase(config.db, file, force);
          audit.note({ pools: restored.pools, forced: force });
          return restored;
        }),
    },
    auditEvents: async function* (query) {
      let after: string | undefined;
      do {
        const page = await store.audit.list({ ...query, limit: AUDIT_PAGE, ...(after === undefined ? {} : { after }) });
        yield* page.items;
        after = page.nextAfter;
      } while (after !== undefined);
    },
    uploadUserImportFile: async (request) => uploadUserImportFile(store, { ...request, now: await clock.now() }),
    listeningOn: (port) => {
      boundPort = port;
      if (importJobRunner === undefined) {
        importJobRunner = startUserImportJobRunner({ store, random: deps.random, clock, log });
        deps.userImportJobs = importJobRunner;
      }
    },
    close: async () => {
      await importJobRunner?.stop();
      await openedStore.close();
    },
  };
}

/** Local modules (--functions) first, then the Lambda API (--lambda-endpoint); neither: triggers are skipped. */
function triggerInvoker(config: Config): TriggerInvoker {
  const lambdaApi = config.lambdaEndpoint === undefined ? undefined : lambdaApiInvoker(config.lambdaEndpoint, config.region);
  if (config.functions !== undefined) return localFunctionsInvoker(config.functions, lambdaApi);
  return lambdaApi ?? triggersOff;
}

/**
 * cognito-local's files: `config.json` beside `db/`, and in `db/` (or the directory itself) `clients.json`
 * and one `<poolId>.json` per pool.
 */
async function readCognitoLocalDirectory(dir: string): Promise<{ config?: unknown; clients?: CognitoLocalFile; pools: CognitoLocalFile[] }> {
  const readJson = async (path: string): Promise<unknown> => {
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new SeedError(`cannot read ${path} (${error.code ?? error.message})`);
    });
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SeedError(`${path} is not JSON: ${(error as Error).message}`);
    }
  };
  const names = async (path: string) => readdir(path).catch(() => undefined);
  if ((await names(dir)) === undefined) throw new SeedError(`cannot read the directory ${dir}`);
  const dbDir = (await names(join(dir, "db"))) === undefined ? dir : join(dir, "db");
  const entries = (await names(dbDir)) ?? [];
  const poolFiles = entries.filter((name) => /^[\w-]+_[0-9a-zA-Z]+\.json$/.test(name)).sort();
  if (poolFiles.length === 0) throw new SeedError(`${dbDir} holds no cognito-local pool (<poolId>.json)`);
  const topNames = (await names(dir)) ?? [];
  return {
    ...(topNames.includes("config.json") ? { config: await readJson(join(dir, "config.json")) } : {}),
    ...(entries.includes("clients.json") ? { clients: { name: "clients.json", data: await readJson(join(dbDir, "clients.json")) } } : {}),
    pools: await Promise.all(poolFiles.map(async (name) => ({ name, data: await readJson(join(dbDir, name)) }))),
  };
}

/**
 * JSON lines, or readable colored lines when standard output is a terminal (pino-pretty, loaded only then).
 * Bodies are never logged; redaction is the safety net should a request object reach a log line.
 */
async function createLogger(config: Config): Promise<Logger> {
  const options = { level: config.logLevel, redact: ["req.headers.authorization", "req.body"] };
  if (!process.stdout.isTTY) return pino(options);
  const { default: pretty } = await import("pino-pretty");
  return pino(options, pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }));
}

/**
 * How long an emptied throttling bucket of the configured rates takes to fill up again, plus a second: a bucket
 * idle longer is full, as a missing one is, so the sweeper may drop it. Capacity is one second's worth (at least
 * one token), so the slowest rate decides; the challenge allowance refills faster than its category.
 */
function bucketRefillSeconds(rateLimits: PipelineSettings["rateLimits"]): number {
  const rates = Object.values(rateLimits).filter((rate): rate is number => rate !== undefined && rate > 0);
  return Math.max(1, ...rates.map((rate) => Math.ceil(Math.max(1, rate) / rate))) + 1;
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

/** Identity providers over HTTP(S); a provider that does not answer within 5 seconds is unreachable. */
const httpProviders: ProviderHttp = {
  async request(url, init = {}) {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000), redirect: "follow" });
    return { status: response.status, body: await response.text() };
  },
};
