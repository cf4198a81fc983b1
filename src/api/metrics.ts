import { createRequire } from "node:module";
import type * as PromClient from "prom-client";
import { STORE_METHOD_ACCESS, type Store, type SubStoreName } from "../domain/ports/store.js";
import { CognitoError } from "../errors/cognitoError.js";

/** What `/metrics` serves (docs/behaviour.md, "Metrics"), recorded by the app around every operation. */
export interface Metrics {
  /** One operation's outcome: its output, or the error it raised. */
  observeOperation(operation: string, seconds: number, output: unknown, error: unknown): void;
  /** The store with every method timed. */
  timedStore(store: Store): Store;
  contentType: string;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
}

const SIGN_IN_OPERATIONS = new Set(["InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge"]);

/** How long after start the process metrics (CPU, memory, event loop, GC) begin to be collected. */
const PROCESS_METRICS_DELAY_MS = 1000;

/**
 * prom-client is loaded here only, so a process that does not serve metrics never loads it. Its package entry
 * loads every default process metric and OpenTelemetry's API (a sixth of the start), so the three classes the
 * operations need are required directly and the process metrics are added a second after start, or at the
 * first scrape if that comes sooner (docs/behaviour.md#metrics).
 */
export function createMetrics(): Metrics {
  const requirePackage = createRequire(import.meta.url);
  const Registry = requirePackage("prom-client/lib/registry.js") as typeof PromClient.Registry;
  const Counter = requirePackage("prom-client/lib/counter.js") as typeof PromClient.Counter;
  const Histogram = requirePackage("prom-client/lib/histogram.js") as typeof PromClient.Histogram;
  const registry = new Registry();
  let processMetrics: Promise<void> | undefined;
  const collectProcessMetrics = (): Promise<void> =>
    (processMetrics ??= import("prom-client").then(({ default: promClient }) =>
      promClient.collectDefaultMetrics({ register: registry, prefix: "cognate_" }),
    ));
  setTimeout(() => void collectProcessMetrics(), PROCESS_METRICS_DELAY_MS).unref();
  const requests = new Counter({
    name: "cognate_requests_total",
    help: "Cognito API operations by operation and outcome (success, or the error's type)",
    labelNames: ["operation", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "cognate_request_duration_seconds",
    help: "Time to answer a Cognito API operation, by operation",
    labelNames: ["operation"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const signIns = new Counter({
    name: "cognate_sign_ins_total",
    help: "Sign-in steps (InitiateAuth, RespondToAuthChallenge and their Admin forms) by result: tokens, challenge or failure",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const throttled = new Counter({
    name: "cognate_throttled_requests_total",
    help: "Operations refused with TooManyRequestsException, by operation",
    labelNames: ["operation"] as const,
    registers: [registry],
  });
  const storeLatency = new Histogram({
    name: "cognate_store_duration_seconds",
    help: "Time of each store call, by method (for example users.getByUsernameKey)",
    labelNames: ["method"] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });

  const timed = (store: Store): Store =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property === "transaction") {
          return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(timed(tx)));
        }
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof property === "string" && Object.hasOwn(STORE_METHOD_ACCESS, property)) {
          return timedSubStore(property as SubStoreName, value as object);
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const timedSubStore = (name: SubStoreName, subStore: object) =>
    new Proxy(subStore, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== "function") return value;
        const method = `${name}.${String(property)}`;
        return async (...args: unknown[]) => {
          const end = storeLatency.startTimer({ method });
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            end();
          }
        };
      },
    });

  return {
    observeOperation(operation, seconds, output, error) {
      const outcome = error === undefined ? "success" : error instanceof CognitoError ? error.type : "InternalErrorException";
      requests.inc({ operation, outcome });
      latency.observe({ operation }, seconds);
      if (outcome === "TooManyRequestsException") throttled.inc({ operation });
      if (SIGN_IN_OPERATIONS.has(operation)) {
        const result =
          error !== undefined ? "failure" : (output as { AuthenticationResult?: unknown }).AuthenticationResult ? "tokens" : "challenge";
        signIns.inc({ result });
      }
    },
    timedStore: timed,
    contentType: registry.contentType,
    text: async () => {
      await collectProcessMetrics();
      return registry.metrics();
    },
  };
}
