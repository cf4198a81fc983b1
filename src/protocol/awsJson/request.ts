import { bodyNotJson, bodyNotObject, missingTarget, unknownOperation, unsupportedMediaType } from "../../errors/catalogue.js";
import { operations, targetPrefix, type OperationName } from "../../model/operations.gen.js";

export const MAX_BODY_BYTES = 1024 * 1024;
const ACCEPTED_CONTENT_TYPES = new Set(["application/x-amz-json-1.1", "application/json"]);

export interface AwsJsonRequest {
  operation: OperationName;
  input: Record<string, unknown>;
}

/** Frames one AWS JSON 1.1 call: content type, `X-Amz-Target`, then the JSON body. */
export function parseAwsJsonRequest(
  contentType: string | undefined,
  target: string | undefined,
  body: Buffer,
): AwsJsonRequest {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType === undefined || !ACCEPTED_CONTENT_TYPES.has(mediaType)) throw unsupportedMediaType(contentType);
  return { operation: parseTarget(target), input: parseBody(body) };
}

function parseTarget(target: string | undefined): OperationName {
  const dot = target?.lastIndexOf(".") ?? -1;
  const prefix = target?.slice(0, dot);
  const name = target?.slice(dot + 1);
  if (target === undefined || dot < 0 || prefix !== targetPrefix || !Object.hasOwn(operations, name!)) {
    throw target === undefined ? missingTarget() : unknownOperation(target);
  }
  return name as OperationName;
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw bodyNotJson();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw bodyNotObject();
  }
  return parsed as Record<string, unknown>;
}
