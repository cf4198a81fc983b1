import { isIP } from "node:net";
import { isQuotaCategory, quotaCategories, type RateLimits } from "./rateLimits.js";
import { parseDbSetting } from "./db.js";
import { parseMasterKey } from "./masterKey.js";

/** A configuration mistake: reported as one line, exit code 2, before anything listens. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type TokenIssuerForm = "local" | "aws";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface Config {
  host: string;
  port: number;
  db: string;
  region: string;
  accountId: string;
  /** Base URL clients reach Cognate at; undefined means `http://<host>:<bound port>`. */
  publicUrl: string | undefined;
  tokenIssuer: TokenIssuerForm;
  /** Path of the credentials file; its presence switches on secure mode. */
  credentials: string | undefined;
  insecure: boolean;
  /** Whether /_cognate/* answers; undefined means "on in dev mode, off in secure mode". */
  controlApi: boolean | undefined;
  /** Requests per second by quota category as configured; undefined means "AWS defaults in secure mode, off in dev mode". */
  rateLimits: RateLimits | undefined;
  /** Audit reads as well as changes. */
  auditReads: boolean;
  /** Encrypts every stored secret at rest (32 bytes): keys, verifiers, client secrets, challenge state, held-back values, messages. */
  masterKey: Buffer | undefined;
  logLevel: LogLevel;
  /** A seed file (JSON or YAML) applied at start; undefined means none. */
  seed: string | undefined;
  /** The Lambda API endpoint that runs trigger functions (Invoke); undefined means none. */
  lambdaEndpoint: string | undefined;
  /** A JSON file mapping function names or ARNs to local modules that run triggers; undefined means none. */
  functions: string | undefined;
  /** The secret the custom senders' per-KMSKeyID keys derive from; undefined: a public one (codes not protected). */
  senderKey: Buffer | undefined;
  /** Ids, codes and generated passwords from a fixed sequence, for snapshot tests on a fresh database. */
  deterministicIds: boolean;
  /** Whether /metrics answers; undefined means "on in dev mode, off in secure mode". */
  metrics: boolean | undefined;
  /** Logs each operation's name, pool and outcome at info level (dev mode). */
  logRequests: boolean;
  /** Audit events older than this many days are swept; undefined keeps them forever. */
  auditRetentionDays: number | undefined;
  /** Outbox messages older than this many days (control clock) are swept. */
  outboxRetentionDays: number;
  /** Where the log-delivery destinations of pools are written as JSON-lines files; undefined writes none. */
  logDeliveryDir: string | undefined;
  /** Seconds between background sweeps of expired rows; 0 switches the sweeper off. */
  sweepIntervalSeconds: number;
  /** When true, `serve` and the other commands refuse a database with pending migrations instead of applying them. */
  manualMigrations: boolean;
  /** argon2id cost of new password hashes; hashes made with other parameters are upgraded at the next password sign-in. */
  argon2: Argon2Parameters;
  /** Serve HTTPS; with no certificate files, one is generated for localhost and kept in the data directory. */
  tls: boolean;
  /** PEM certificate (chain) file to serve HTTPS with; needs tlsKey. */
  tlsCert: string | undefined;
  /** PEM private key file of tlsCert. */
  tlsKey: string | undefined;
}

/** argon2id's cost parameters: memory in KiB, passes, lanes. */
export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

interface OptionSpec<K extends keyof Config> {
  key: K;
  /** Absent for settings that must not appear on a command line (secrets). */
  flag?: string;
  env: string;
  /** Placeholder shown in --help; absent for boolean switches. */
  arg?: string;
  doc: string;
  defaultText: string;
  default: Config[K];
  parse(raw: string): Config[K];
}

type AnyOption = { [K in keyof Config]: OptionSpec<K> }[keyof Config];

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function fail(option: { flag?: string; env: string }, problem: string): never {
  throw new ConfigError(`${option.flag === undefined ? "" : `${option.flag}/`}${option.env} ${problem}`);
}

/** A 32-byte key given in base64 (the master key, the custom senders' key). */
function parseKeySetting(this: { flag?: string; env: string }, raw: string): Buffer {
  try {
    return parseMasterKey(raw);
  } catch (error) {
    return fail(this, (error as Error).message.replace(/^the master key /, ""));
  }
}

function parseSwitch(this: { flag?: string; env: string }, raw: string): boolean {
  if (["1", "true", "yes", "on", ""].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "off"].includes(raw.toLowerCase())) return false;
  return fail(this, `must be 1 or 0 (got "${raw}")`);
}

/** Every setting: one place for its flag, environment variable, default and documentation. */
export const options: readonly AnyOption[] = [
  {
    key: "host",
    flag: "--host",
    env: "COGNATE_HOST",
    arg: "ADDRESS",
    doc: "address to bind",
    defaultText: "127.0.0.1",
    default: "127.0.0.1",
    parse(raw) {
      if (raw !== "localhost" && isIP(raw) === 0) fail(this, `must be an IP address or localhost (got "${raw}")`);
      return raw;
    },
  },
  {
    key: "port",
    flag: "--port",
    env: "COGNATE_PORT",
    arg: "PORT",
    doc: "TCP port (0 picks a free one)",
    defaultText: "9229",
    default: 9229,
    parse(raw) {
      if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) fail(this, `must be a port number 0..65535 (got "${raw}")`);
      return Number(raw);
    },
  },
  {
    key: "db",
    flag: "--db",
    env: "COGNATE_DB",
    arg: "URL",
    doc: "storage: `sqlite:<path>` or a `postgres://` URL",
    defaultText: "sqlite:./.cognate/cognate.db",
    default: "sqlite:./.cognate/cognate.db",
    parse(raw) {
      try {
        parseDbSetting(raw);
      } catch (error) {
        fail(this, (error as Error).message);
      }
      return raw;
    },
  },
  {
    key: "region",
    flag: "--region",
    env: "COGNATE_REGION",
    arg: "REGION",
    doc: "region used where a request names none (CLI commands)",
    defaultText: "us-east-1",
    default: "us-east-1",
    parse(raw) {
      if (!REGION_PATTERN.test(raw)) fail(this, `must be a region name such as us-east-1 (got "${raw}")`);
      return raw;
    },
  },
  {
    key: "accountId",
    flag: "--account-id",
    env: "COGNATE_ACCOUNT_ID",
    arg: "ID",
    doc: "AWS account id in ARNs",
    defaultText: "000000000000",
    default: "000000000000",
    parse(raw) {
      if (!/^\d{12}$/.test(raw)) fail(this, `must be 12 digits (got "${raw}")`);
      return raw;
    },
  },
  {
    key: "publicUrl",
    flag: "--public-url",
    env: "COGNATE_PUBLIC_URL",
    arg: "URL",
    doc: "base URL clients use to reach Cognate (token issuer, JWKS address)",
    defaultText: "http://<host>:<bound port>",
    default: undefined,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return fail(this, `must be an absolute http(s) URL (got "${raw}")`);
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") fail(this, `must be an http(s) URL (got "${raw}")`);
      return raw.replace(/\/+$/, "");
    },
  },
  {
    key: "tokenIssuer",
    flag: "--token-issuer",
    env: "COGNATE_TOKEN_ISSUER",
    arg: "local|aws",
    doc: "`iss` form: `<public url>/<poolId>` or `https://cognito-idp.<region>.amazonaws.com/<poolId>`",
    defaultText: "local",
    default: "local",
    parse(raw) {
      if (raw !== "local" && raw !== "aws") fail(this, `must be local or aws (got "${raw}")`);
      return raw;
    },
  },
  {
    key: "credentials",
    flag: "--credentials",
    env: "COGNATE_CREDENTIALS",
    arg: "FILE",
    doc: "JSON credentials file; switches on secure mode (real SigV4 verification)",
    defaultText: "none (dev mode)",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a file");
      return raw;
    },
  },
  {
    key: "insecure",
    flag: "--insecure",
    env: "COGNATE_INSECURE",
    doc: "allow binding a non-loopback address without credentials",
    defaultText: "off",
    default: false,
    parse: parseSwitch,
  },
  {
    key: "controlApi",
    flag: "--control-api",
    env: "COGNATE_CONTROL_API",
    doc: "serve the local control API (/_cognate/*)",
    defaultText: "on in dev mode, off in secure mode",
    default: undefined,
    parse: parseSwitch,
  },
  {
    key: "rateLimits",
    flag: "--rate-limits",
    env: "COGNATE_RATE_LIMITS",
    arg: "JSON",
    doc: 'requests per second by quota category, e.g. {"UserAccountRecovery": 2}; bucket capacity is one second\'s rate',
    defaultText: "secure: AWS defaults; dev: off",
    default: undefined,
    parse(raw) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return fail(this, `must be a JSON object mapping quota categories to requests per second (got "${raw}")`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        fail(this, `must be a JSON object mapping quota categories to requests per second (got "${raw}")`);
      }
      const limits: Partial<Record<string, number>> = {};
      for (const [category, rate] of Object.entries(parsed)) {
        if (!isQuotaCategory(category)) {
          fail(this, `names an unknown category "${category}" (known: ${quotaCategories.join(", ")})`);
        }
        if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) {
          fail(this, `needs a positive number of requests per second for ${category} (got ${JSON.stringify(rate)})`);
        }
        limits[category] = rate;
      }
      return limits as RateLimits;
    },
  },
  {
    key: "auditReads",
    flag: "--audit-reads",
    env: "COGNATE_AUDIT_READS",
    doc: "write audit events for reads too, not only for changes and sign-ins",
    defaultText: "off",
    default: false,
    parse: parseSwitch,
  },
  {
    key: "masterKey",
    env: "COGNATE_MASTER_KEY",
    doc: "32 random bytes, base64: every stored secret is encrypted (AES-256-GCM)",
    defaultText: "none (stored in clear)",
    default: undefined,
    parse: parseKeySetting,
  },
  {
    key: "outboxRetentionDays",
    flag: "--outbox-retention",
    env: "COGNATE_OUTBOX_RETENTION",
    arg: "DAYS",
    doc: "messages in the outbox (codes, invitations) older than this many days are removed by the sweeper",
    defaultText: "7",
    default: 7,
    parse(raw) {
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) fail(this, `must be a whole number of days, at least 1 (got "${raw}")`);
      return Number(raw);
    },
  },
  {
    key: "auditRetentionDays",
    flag: "--audit-retention",
    env: "COGNATE_AUDIT_RETENTION",
    arg: "DAYS",
    doc: "audit events older than this many days are removed by the sweeper (export them first with `cognate audit --export`)",
    defaultText: "kept forever",
    default: undefined,
    parse(raw) {
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) fail(this, `must be a whole number of days, at least 1 (got "${raw}")`);
      return Number(raw);
    },
  },
  {
    key: "logDeliveryDir",
    flag: "--log-delivery-dir",
    env: "COGNATE_LOG_DELIVERY_DIR",
    arg: "DIR",
    doc: "directory where pools' log-delivery destinations (SetLogDeliveryConfiguration) are written, one JSON-lines file per destination ARN",
    defaultText: "none (nothing written)",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a directory");
      return raw;
    },
  },
  {
    key: "sweepIntervalSeconds",
    flag: "--sweep-interval",
    env: "COGNATE_SWEEP_INTERVAL",
    arg: "SECONDS",
    doc: "seconds between background sweeps of expired rows by `cognate serve` (0: no background sweeping)",
    defaultText: "60",
    default: 60,
    parse(raw) {
      if (!/^\d{1,6}$/.test(raw)) fail(this, `must be a whole number of seconds (got "${raw}")`);
      return Number(raw);
    },
  },
  {
    key: "manualMigrations",
    flag: "--manual-migrations",
    env: "COGNATE_MANUAL_MIGRATIONS",
    doc: "never apply pending storage migrations at start: refuse to run until `cognate migrate` has",
    defaultText: "off (migrations are applied at start)",
    default: false,
    parse: parseSwitch,
  },
  {
    key: "argon2",
    flag: "--argon2",
    env: "COGNATE_ARGON2",
    arg: "m=KIB,t=PASSES,p=LANES",
    doc: "argon2id cost of password hashes; older hashes are upgraded at each user's next password sign-in",
    defaultText: "m=19456,t=2,p=1",
    default: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    parse(raw) {
      const match = /^m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})$/.exec(raw.replace(/\s+/g, ""));
      if (match === null) return fail(this, `must be m=<KiB>,t=<passes>,p=<lanes> such as m=19456,t=2,p=1 (got "${raw}")`);
      const [memoryCost, timeCost, parallelism] = [Number(match[1]), Number(match[2]), Number(match[3])];
      // argon2's own bounds: at least 8 KiB per lane; OWASP's floor is far above, so refuse what is useless.
      if (parallelism < 1 || parallelism > 16) fail(this, `p must be 1..16 lanes (got ${parallelism})`);
      if (timeCost < 1) fail(this, `t must be at least 1 pass (got ${timeCost})`);
      if (memoryCost < 8 * parallelism || memoryCost > 4_194_304) fail(this, `m must be ${8 * parallelism}..4194304 KiB (got ${memoryCost})`);
      return { memoryCost, timeCost, parallelism };
    },
  },
  {
    key: "logLevel",
    flag: "--log-level",
    env: "COGNATE_LOG_LEVEL",
    arg: "LEVEL",
    doc: `log level: ${LOG_LEVELS.join(", ")}`,
    defaultText: "info",
    default: "info",
    parse(raw) {
      if (!(LOG_LEVELS as readonly string[]).includes(raw)) fail(this, `must be one of ${LOG_LEVELS.join(", ")} (got "${raw}")`);
      return raw as LogLevel;
    },
  },
  {
    key: "seed",
    flag: "--seed",
    env: "COGNATE_SEED",
    arg: "FILE",
    doc: "seed file (JSON or YAML) of pools, clients, groups and users, applied at start (idempotent)",
    defaultText: "none",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a file");
      return raw;
    },
  },
  {
    key: "lambdaEndpoint",
    flag: "--lambda-endpoint",
    env: "COGNATE_LAMBDA_ENDPOINT",
    arg: "URL",
    doc: "Lambda API endpoint that runs the pools' trigger functions (`Invoke`, RequestResponse)",
    defaultText: "none",
    default: undefined,
    parse(raw) {
      if (!/^https?:\/\/[^/]+/.test(raw)) fail(this, `must be an http(s) URL (got "${raw}")`);
      return raw;
    },
  },
  {
    key: "senderKey",
    env: "COGNATE_SENDER_KEY",
    doc: "32 random bytes, base64: the secret each KMSKeyID's AES key for custom sender codes derives from (see Lambda triggers)",
    defaultText: "none (a public secret: codes readable by anyone)",
    default: undefined,
    parse: parseKeySetting,
  },
  {
    key: "functions",
    flag: "--functions",
    env: "COGNATE_FUNCTIONS",
    arg: "FILE",
    doc: "JSON file mapping function names or ARNs to local modules (`path[#export]`) that run the pools' triggers",
    defaultText: "none",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a file");
      return raw;
    },
  },
  {
    key: "deterministicIds",
    flag: "--deterministic-ids",
    env: "COGNATE_DETERMINISTIC_IDS",
    doc: "ids, codes and generated passwords from a fixed sequence (snapshot tests on a fresh database only)",
    defaultText: "off",
    default: false,
    parse: parseSwitch,
  },
  {
    key: "metrics",
    flag: "--metrics",
    env: "COGNATE_METRICS",
    doc: "serve Prometheus metrics at /metrics",
    defaultText: "on in dev mode, off in secure mode",
    default: undefined,
    parse: parseSwitch,
  },
  {
    key: "tls",
    flag: "--tls",
    env: "COGNATE_TLS",
    doc: "serve HTTPS; without --tls-cert/--tls-key a self-signed certificate for localhost and 127.0.0.1 is generated once and kept in the data directory",
    defaultText: "off (on when --tls-cert is given)",
    default: false,
    parse: parseSwitch,
  },
  {
    key: "tlsCert",
    flag: "--tls-cert",
    env: "COGNATE_TLS_CERT",
    arg: "FILE",
    doc: "PEM certificate (chain) to serve HTTPS with (needs --tls-key)",
    defaultText: "none",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a file");
      return raw;
    },
  },
  {
    key: "tlsKey",
    flag: "--tls-key",
    env: "COGNATE_TLS_KEY",
    arg: "FILE",
    doc: "PEM private key of --tls-cert",
    defaultText: "none",
    default: undefined,
    parse(raw) {
      if (raw === "") fail(this, "must name a file");
      return raw;
    },
  },
  {
    key: "logRequests",
    flag: "--log-requests",
    env: "COGNATE_LOG_REQUESTS",
    doc: "log each operation's name, pool and outcome at info level",
    defaultText: "off",
    default: false,
    parse: parseSwitch,
  },
];

/**
 * Resolves every setting: a flag wins over its environment variable, which wins over the default.
 * `flags` holds raw flag values keyed by Config key (booleans for switches given without a value).
 */
export function resolveConfig(flags: Partial<Record<keyof Config, string | boolean>>, env: NodeJS.ProcessEnv): Config {
  const config: Record<string, unknown> = {};
  for (const option of options) {
    const flagValue = option.flag === undefined ? undefined : flags[option.key];
    const raw = flagValue === true ? "1" : flagValue === false ? "0" : (flagValue ?? env[option.env]);
    const parse = option.parse as (this: AnyOption, raw: string) => unknown;
    config[option.key] = raw === undefined ? option.default : parse.call(option, raw);
  }
  const resolved = config as unknown as Config;
  if ((resolved.tlsCert === undefined) !== (resolved.tlsKey === undefined)) {
    throw new ConfigError("--tls-cert/COGNATE_TLS_CERT and --tls-key/COGNATE_TLS_KEY must be given together");
  }
  if (resolved.tlsCert !== undefined) resolved.tls = true;
  if (resolved.credentials === undefined && !isLoopback(resolved.host) && !resolved.insecure) {
    throw new ConfigError(
      `--host/COGNATE_HOST ${resolved.host} is not a loopback address: configure --credentials (secure mode) or pass --insecure`,
    );
  }
  return resolved;
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Where `--tls` keeps its generated certificate: beside the SQLite file, or `./.cognate` when the data is
 * in PostgreSQL or in memory.
 */
export function dataDirectory(config: Config): string {
  const db = parseDbSetting(config.db);
  if (db.kind === "sqlite" && db.path !== ":memory:") {
    const slash = db.path.lastIndexOf("/");
    return slash === -1 ? "." : slash === 0 ? "/" : db.path.slice(0, slash);
  }
  return "./.cognate";
}

export function isSecureMode(config: Config): boolean {
  return config.credentials !== undefined;
}

export function controlApiEnabled(config: Config): boolean {
  return config.controlApi ?? !isSecureMode(config);
}

export function metricsEnabled(config: Config): boolean {
  return config.metrics ?? !isSecureMode(config);
}
