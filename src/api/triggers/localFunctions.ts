import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { ConfigError } from "../../config/schema.js";
import {
  TriggerFunctionError,
  TriggerUnavailableError,
  type TriggerEvent,
  type TriggerInvoker,
} from "../../domain/ports/triggers.js";

/** Cognito waits this long for a trigger's function. */
export const TRIGGER_TIMEOUT_MS = 5000;

/** A function of the --functions file: the module's absolute path and the export to call. */
export interface LocalFunction {
  module: string;
  export: string;
}

/**
 * The --functions file: `{"<function name or ARN>": "<path>[#export]"}` (or `{"module", "export"}`), paths
 * relative to the file, the export `handler` unless named. Read at start (a mistake stops Cognate) and again at
 * each invocation, so functions added while Cognate runs are found.
 */
export function readFunctionsFile(file: string): Map<string, LocalFunction> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`--functions/COGNATE_FUNCTIONS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`--functions/COGNATE_FUNCTIONS: ${file} must be a JSON object of function names to modules`);
  }
  const functions = new Map<string, LocalFunction>();
  for (const [name, target] of Object.entries(parsed)) {
    const [path, exportName] =
      typeof target === "string"
        ? splitTarget(target)
        : typeof target === "object" && target !== null && typeof target.module === "string"
          ? [target.module as string, typeof target.export === "string" ? (target.export as string) : "handler"]
          : [undefined, undefined];
    if (path === undefined || path === "") {
      throw new ConfigError(`--functions/COGNATE_FUNCTIONS: ${file}: "${name}" must be "<path>[#export]" or {"module", "export"}`);
    }
    functions.set(name, { module: isAbsolute(path) ? path : resolve(dirname(file), path), export: exportName! });
  }
  return functions;
}

/**
 * Runs each invocation in a fresh worker thread, which imports the module anew (so an edited handler is used
 * at the next call) and is terminated after Cognito's 5 seconds. The handler may return a promise or call
 * the callback, as Lambda's Node.js runtime allows.
 */
export function localFunctionsInvoker(file: string, otherwise?: TriggerInvoker): TriggerInvoker {
  readFunctionsFile(file);
  return {
    enabled: true,
    async invoke(functionArn, event) {
      const target = findFunction(readFunctionsFile(file), functionArn);
      // A function the file does not name goes to the Lambda API when one is configured too.
      if (target === undefined && otherwise !== undefined) return otherwise.invoke(functionArn, event);
      if (target === undefined) throw new TriggerUnavailableError("ResourceNotFoundException");
      return runInWorker(target, functionArn, event);
    },
  };
}

/** By the full ARN, else by the function's name (an ARN's qualifier, `:alias` or `:version`, ignored). */
function findFunction(functions: Map<string, LocalFunction>, functionArn: string): LocalFunction | undefined {
  return functions.get(functionArn) ?? functions.get(functionName(functionArn));
}

export function functionName(functionArn: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(functionArn);
  return match?.[1] ?? functionArn;
}

function splitTarget(target: string): [string, string] {
  const hash = target.lastIndexOf("#");
  return hash < 0 ? [target, "handler"] : [target.slice(0, hash), target.slice(hash + 1) || "handler"];
}

/** The worker's program: CommonJS (an eval worker), importing the handler's module through import(). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
const { module: modulePath, export: exportName, event, deadline, typeScriptLoader } = workerData;
(async () => {
  let handler;
  try {
    if (typeScriptLoader !== undefined) (await import(typeScriptLoader)).register();
    const loaded = await import(pathToFileURL(modulePath).href);
    handler = loaded[exportName] ?? loaded.default?.[exportName];
  } catch (error) {
    parentPort.postMessage({ outcome: "unavailable", reason: "ResourceNotFoundException", detail: String(error && error.message || error) });
    return;
  }
  if (typeof handler !== "function") {
    parentPort.postMessage({ outcome: "unavailable", reason: "ResourceNotFoundException", detail: exportName + " is not a function" });
    return;
  }
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: workerData.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: "128",
    awsRequestId: workerData.requestId,
    logGroupName: "/aws/lambda/" + workerData.functionName,
    logStreamName: "cognate",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {}, fail() {}, succeed() {},
  };
  try {
    const result = await new Promise((resolve, reject) => {
      const returned = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
    });
    parentPort.postMessage({ outcome: "answered", json: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    parentPort.postMessage({ outcome: "threw", message: String(error && error.message !== undefined ? error.message : error) });
  }
})();
`;

/** tsx's loader, when installed beside Cognate: handlers written in TypeScript run without a build step. */
function typeScriptLoader(): string | undefined {
  try {
    return import.meta.resolve("tsx/esm/api");
  } catch {
    return undefined;
  }
}

function runInWorker(target: LocalFunction, functionArn: string, event: TriggerEvent): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: target.module,
        export: target.export,
        typeScriptLoader: /\.[cm]?ts$/.test(target.module) ? typeScriptLoader() : undefined,
        event,
        deadline: Date.now() + TRIGGER_TIMEOUT_MS,
        functionName: functionName(functionArn),
        functionArn,
        requestId: crypto.randomUUID(),
      },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      action();
    };
    const timer = setTimeout(
      () => settle(() => reject(new TriggerUnavailableError("Socket timeout while invoking Lambda function"))),
      TRIGGER_TIMEOUT_MS,
    );
    worker.on("message", (message: { outcome: string; json?: string; message?: string; reason?: string }) => {
      if (message.outcome === "answered") settle(() => resolvePromise(JSON.parse(message.json!)));
      else if (message.outcome === "threw") settle(() => reject(new TriggerFunctionError(message.message ?? "")));
      else settle(() => reject(new TriggerUnavailableError(message.reason ?? "ResourceNotFoundException")));
    });
    worker.on("error", (error) => settle(() => reject(new TriggerFunctionError(error.message))));
    worker.on("exit", () => settle(() => reject(new TriggerUnavailableError("the function exited without answering"))));
  });
}
