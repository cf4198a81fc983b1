import type { LambdaClient } from "@aws-sdk/client-lambda";
import {
  TriggerFunctionError,
  TriggerUnavailableError,
  type TriggerInvoker,
} from "../../domain/ports/triggers.js";
import { TRIGGER_TIMEOUT_MS } from "./localFunctions.js";

/**
 * Runs functions through the Lambda API at `endpoint` (sam local start-lambda, LocalStack, AWS itself):
 * `Invoke` with the pool's function ARN, RequestResponse, one attempt, Cognito's 5 seconds. Credentials are the
 * usual AWS environment's; without any, placeholders that local endpoints accept. The client is loaded at the
 * first invocation, so a start without triggers never pays for it.
 */
export function lambdaApiInvoker(endpoint: string, region: string): TriggerInvoker {
  let client: Promise<LambdaClient> | undefined;
  const lambda = () =>
    (client ??= import("@aws-sdk/client-lambda").then(
      ({ LambdaClient }) =>
        new LambdaClient({
          endpoint,
          region,
          maxAttempts: 1,
          ...(hasAwsCredentials() ? {} : { credentials: { accessKeyId: "cognate", secretAccessKey: "cognate" } }),
        }),
    ));
  return {
    enabled: true,
    async invoke(functionArn, event) {
      const [{ InvokeCommand }, invoker] = await Promise.all([import("@aws-sdk/client-lambda"), lambda()]);
      const command = new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: "RequestResponse",
        Payload: Buffer.from(JSON.stringify(event)),
      });
      let output;
      try {
        output = await invoker.send(command, { abortSignal: AbortSignal.timeout(TRIGGER_TIMEOUT_MS) });
      } catch (error) {
        const name = (error as Error).name;
        throw new TriggerUnavailableError(
          name === "AbortError" || name === "TimeoutError" ? "Socket timeout while invoking Lambda function" : name,
        );
      }
      const text = output.Payload === undefined ? "" : Buffer.from(output.Payload).toString("utf8");
      const payload = parseJson(text);
      if (output.FunctionError !== undefined) {
        const message = typeof payload === "object" && payload !== null ? (payload as { errorMessage?: unknown }).errorMessage : undefined;
        throw new TriggerFunctionError(typeof message === "string" ? message : output.FunctionError);
      }
      return payload;
    },
  };
}

function hasAwsCredentials(): boolean {
  return process.env.AWS_ACCESS_KEY_ID !== undefined || process.env.AWS_PROFILE !== undefined;
}

/** A payload that is not JSON is no usable answer: undefined, which the trigger runner refuses. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
