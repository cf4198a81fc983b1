import { registry } from "./registry.js";
import type { Deps, OperationTable, RequestContext } from "./types.js";
import { CognitoError } from "../domain/errors.js";
import { validateInput } from "../protocol/validate.js";
import type { OperationName } from "../model/operations.gen.js";

/**
 * The one path to behaviour, shared by HTTP and the CLI: the operation must be implemented, its input
 * must satisfy the model, then its handler runs. Authentication happens before, where the raw request is.
 */
export async function invokeOperation(
  deps: Deps,
  operation: OperationName,
  input: Record<string, unknown>,
  ctx: RequestContext,
): Promise<unknown> {
  const handler = (registry as OperationTable)[operation];
  if (handler === undefined) {
    throw new CognitoError("UnsupportedOperationException", `${operation} is not supported by Cognate yet.`);
  }
  return handler.handle(validateInput(operation, input) as never, deps, ctx);
}
