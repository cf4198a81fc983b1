import type { FastifyRequest } from "fastify";
import type { FormFields } from "../../app.js";

/**
 * The fields of a form-encoded body (every server body arrives raw); undefined when the request is not
 * `application/x-www-form-urlencoded`. Query fields are not mixed in: OAuth parameters of a POST go in the body.
 */
export function formFields(request: FastifyRequest): FormFields | undefined {
  const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return undefined;
  const body = Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "";
  const fields: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) (fields[name] ??= []).push(value);
  return fields;
}
