import { invalidReadAttributes, invalidWriteAttributes } from "../../errors/catalogue.js";
import { requiredAttributes, schemaAttribute } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { ClientRecord } from "./types.js";

/** Set by Cognito alone: no app client may write them, and listing one fails the whole client. */
const NEVER_CLIENT_WRITABLE = new Set(["sub", "email_verified", "phone_number_verified"]);

/** Developer-only attributes (`dev:custom:…`) are for administrators, never for a client's users. */
const DEVELOPER_ONLY_PREFIX = "dev:";

export type ClientWrite = "creating" | "updating";

/**
 * Checks the attribute lists a request gives a client against the pool: read attributes must exist; write
 * attributes must exist, be writable by users, and include every attribute the pool requires (users must be
 * able to supply them). The messages name neither the attribute nor the rule, as Cognito's do.
 */
export function checkAttributePermissions(
  pool: UserPoolRecord,
  lists: { ReadAttributes?: string[]; WriteAttributes?: string[] },
  operation: ClientWrite,
): void {
  const exists = (name: string) => schemaAttribute(pool, name) !== undefined;
  if (lists.ReadAttributes?.some((name) => !exists(name))) throw invalidReadAttributes(operation);
  const write = lists.WriteAttributes;
  if (write === undefined) return;
  const writable = (name: string) => exists(name) && !NEVER_CLIENT_WRITABLE.has(name) && !name.startsWith(DEVELOPER_ONLY_PREFIX);
  if (!write.every(writable) || !requiredAttributes(pool).every((name) => write.includes(name))) {
    throw invalidWriteAttributes(operation);
  }
}

/** Whether the client's users may see the attribute (in ID tokens and GetUser). Without a list: all but developer-only ones. */
export function clientCanReadAttribute(client: ClientRecord, name: string): boolean {
  const read = client.config.ReadAttributes;
  return read === undefined ? !name.startsWith(DEVELOPER_ONLY_PREFIX) : read.includes(name);
}

/**
 * Whether the client's users may set the attribute (SignUp, UpdateUserAttributes). Without a list: every
 * attribute but those Cognito sets itself and developer-only ones.
 */
export function clientCanWriteAttribute(client: ClientRecord, name: string): boolean {
  const write = client.config.WriteAttributes;
  return write === undefined
    ? !NEVER_CLIENT_WRITABLE.has(name) && !name.startsWith(DEVELOPER_ONLY_PREFIX)
    : write.includes(name);
}
