import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TriggerInvocation } from "../../src/app.js";
import { startCognate, type Backend, type RunningCognate } from "./cognate.js";
import { startLambdaServer, type LambdaServer } from "./lambdaServer.js";
import * as handlers from "./triggerHandlers.js";

const HANDLERS_MODULE = fileURLToPath(new URL("./triggerHandlers.ts", import.meta.url));

/** The two ways Cognate runs a trigger function. */
export type Runner = "local functions" | "Lambda API";
export const RUNNERS: readonly Runner[] = ["local functions", "Lambda API"];

/** A function's ARN in the tests' account. */
export const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/**
 * Cognate running `functions` (function name → export of test/helpers/triggerHandlers.ts) one way or the other:
 * a --functions file naming the module, or a Lambda-API-compatible server serving the same handlers.
 */
export async function startWithTriggers(
  backend: Backend,
  runner: Runner,
  functions: Record<string, keyof typeof handlers>,
  env: Record<string, string> = {},
): Promise<{ cognate: RunningCognate; lambda?: LambdaServer }> {
  if (runner === "local functions") {
    const file = join(mkdtempSync(join(tmpdir(), "cognate-functions-")), "functions.json");
    writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(functions).map(([name, exported]) => [name, `${HANDLERS_MODULE}#${exported}`]))));
    return { cognate: await startCognate({ backend, env: { ...env, COGNATE_FUNCTIONS: file } }) };
  }
  const lambda = await startLambdaServer(Object.fromEntries(Object.entries(functions).map(([name, exported]) => [name, handlers[exported] as never])));
  return { cognate: await startCognate({ backend, env: { ...env, COGNATE_LAMBDA_ENDPOINT: lambda.url } }), lambda };
}

/** The invocations the control API lists for the query (`poolId`, `trigger`). */
export async function invocations(cognate: RunningCognate, query: Record<string, string>): Promise<TriggerInvocation[]> {
  const response = await fetch(`${cognate.url}/_cognate/invocations?${new URLSearchParams(query)}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { invocations: TriggerInvocation[] }).invocations;
}
