import { CognitoError } from "../../errors/cognitoError.js";
import { FrameworkError } from "../../errors/frameworkError.js";
import { internalError } from "../../errors/catalogue.js";

export const AWS_JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** Serialises an operation's output; `Date` values become epoch seconds, as the AWS JSON protocol wants. */
export function serializeOutput(output: unknown): string {
  // A copy with the dates replaced, then a plain stringify: a replacer function would cost more than the copy.
  return JSON.stringify(withEpochSeconds(output ?? {}));
}

function withEpochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(withEpochSeconds);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) copy[key] = withEpochSeconds(member);
  return copy;
}

export interface ErrorResponse {
  status: number;
  /** The wire `__type`. */
  type: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Turns anything thrown into the AWS error envelope. Unknown failures become a bare 500
 * `InternalErrorException`; their details belong in the log only, never in the response.
 */
export function serializeError(error: unknown): ErrorResponse {
  const { status, type, message } = describe(error);
  return {
    status,
    type,
    headers: {
      "content-type": AWS_JSON_CONTENT_TYPE,
      // Real Cognito sends the type with a trailing colon; SDKs strip everything from the colon on.
      "x-amzn-errortype": `${type}:`,
      "x-amzn-errormessage": headerSafe(message),
    },
    body: JSON.stringify({ __type: type, message }),
  };
}

function describe(error: unknown): { status: number; type: string; message: string } {
  if (error instanceof FrameworkError) return { status: error.status, type: error.type, message: error.message };
  if (error instanceof CognitoError) {
    return { status: error.type === "InternalErrorException" ? 500 : 400, type: error.type, message: error.message };
  }
  const internal = internalError();
  return { status: 500, type: internal.type, message: internal.message };
}

/** The longest message copied into the header; the body always has the whole message. */
const MAX_HEADER_MESSAGE = 1024;

/**
 * Header values must be printable ASCII on one line, and short: messages may echo a large input value,
 * and clients refuse responses whose headers overflow their limit (16 KiB in Node).
 */
function headerSafe(message: string): string {
  const printable = message.replace(/[^\x20-\x7e]/g, " ");
  return printable.length > MAX_HEADER_MESSAGE ? `${printable.slice(0, MAX_HEADER_MESSAGE - 3)}...` : printable;
}
