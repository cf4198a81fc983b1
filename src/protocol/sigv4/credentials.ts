import { readFileSync } from "node:fs";
import { ConfigError } from "../../config/schema.js";

/**
 * The credentials file of secure mode (docs/behaviour.md#credentials-and-iam): access keys, their
 * secrets and optional IAM-style policies. Policies are parsed and normalised here; evaluating them
 * is someone else's job.
 */

/** An IAM identity policy statement, normalised: every list is an array, exactly one of each pair set. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  /** Exactly one of Action / NotAction is present. */
  Action?: string[];
  NotAction?: string[];
  /** Exactly one of Resource / NotResource is present. */
  Resource?: string[];
  NotResource?: string[];
}

export interface PolicyDocument {
  Version?: PolicyVersion;
  Id?: string;
  /** Always an array, never empty. */
  Statement: PolicyStatement[];
}

export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

export interface Credential {
  readonly name: string;
  readonly accessKeyId: string;
  /** Non-enumerable, so logging or serialising a credential never shows it. */
  readonly secretAccessKey: string;
  /** Absent: the credential may do everything. */
  readonly policy?: PolicyDocument;
}

export interface CredentialSet {
  byAccessKeyId(accessKeyId: string): Credential | undefined;
  readonly size: number;
}

/** A credentials file that cannot be used; the message is one line naming the file and the entry. */
export class CredentialsFileError extends ConfigError {
  override readonly name = "CredentialsFileError";
}

const POLICY_VERSIONS = ["2012-10-17", "2008-10-17"] as const;
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCESS_KEY_ID = /^\w{16,128}$/;
// IAM's own syntax rules: an action is "*" or "<service prefix>:<name pattern>"; a resource is "*" or an ARN.
const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:\S+)$/;

const ENTRY_KEYS = new Set(["name", "accessKeyId", "secretAccessKey", "policy"]);
const POLICY_KEYS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

export function loadCredentialsFile(path: string): CredentialSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new CredentialsFileError(`credentials file ${path}: cannot be read (${code})`);
  }
  return parseCredentialsFile(text, path);
}

/** `source` names the file in messages. Messages never contain a secret. */
export function parseCredentialsFile(text: string, source: string): CredentialSet {
  function fail(detail: string): never {
    throw new CredentialsFileError(`credentials file ${source}: ${detail}`);
  }

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the error, which may be a secret: keep only the position.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    fail(position === undefined ? "is not valid JSON" : `is not valid JSON (${lineAndColumn(text, Number(position))})`);
  }

  if (!isObject(document)) fail('must be a JSON object with a "credentials" array');
  for (const key of Object.keys(document)) {
    if (key !== "credentials") fail(`unknown field "${key}" (expected only "credentials")`);
  }
  const entries = document.credentials;
  if (!Array.isArray(entries)) fail('"credentials" must be an array');
  if (entries.length === 0) fail('"credentials" must list at least one credential');

  const byAccessKeyId = new Map<string, Credential>();
  const labelByAccessKeyId = new Map<string, string>();
  const labelByName = new Map<string, string>();
  entries.forEach((entry: unknown, index) => {
    const label = entryLabel(entry, index);
    const credential = parseEntry(entry, (detail) => fail(`${label}: ${detail}`));

    const sameKey = labelByAccessKeyId.get(credential.accessKeyId);
    if (sameKey !== undefined) fail(`${label}: duplicate accessKeyId ${credential.accessKeyId} (also used by ${sameKey})`);
    // IAM user names are unique regardless of case.
    const sameName = labelByName.get(credential.name.toLowerCase());
    if (sameName !== undefined) fail(`${label}: duplicate name (also used by ${sameName})`);

    byAccessKeyId.set(credential.accessKeyId, credential);
    labelByAccessKeyId.set(credential.accessKeyId, label);
    labelByName.set(credential.name.toLowerCase(), label);
  });

  return {
    byAccessKeyId: (accessKeyId) => byAccessKeyId.get(accessKeyId),
    size: byAccessKeyId.size,
  };
}

function parseEntry(entry: unknown, fail: (detail: string) => never): Credential {
  if (!isObject(entry)) fail("must be an object");
  for (const key of Object.keys(entry)) {
    if (!ENTRY_KEYS.has(key)) fail(`unknown field "${key}"`);
  }
  const { name, accessKeyId, secretAccessKey, policy } = entry;
  if (typeof name !== "string" || !IAM_USER_NAME.test(name)) {
    fail('"name" must be an IAM user name: 1 to 64 characters from letters, digits and +=,.@_-');
  }
  if (typeof accessKeyId !== "string" || !ACCESS_KEY_ID.test(accessKeyId)) {
    fail('"accessKeyId" must be 16 to 128 letters, digits or underscores');
  }
  if (typeof secretAccessKey !== "string" || secretAccessKey.length === 0) {
    fail('"secretAccessKey" must be a non-empty string');
  }

  const credential = {
    name,
    accessKeyId,
    ...(policy === undefined ? {} : { policy: parsePolicy(policy, (detail) => fail(`policy${detail}`)) }),
  };
  Object.defineProperty(credential, "secretAccessKey", { value: secretAccessKey, enumerable: false });
  return credential as Credential;
}

/** `fail` receives the path inside the policy (".Statement[0].Effect") followed by the problem. */
function parsePolicy(policy: unknown, fail: (detail: string) => never): PolicyDocument {
  if (!isObject(policy)) fail(" must be an IAM policy document (a JSON object)");
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.has(key)) fail(`: unknown field "${key}"`);
  }
  const { Version, Id, Statement } = policy;
  if (Version !== undefined && !POLICY_VERSIONS.includes(Version as PolicyVersion)) {
    fail(`.Version must be ${POLICY_VERSIONS.map((v) => `"${v}"`).join(" or ")}`);
  }
  if (Id !== undefined && typeof Id !== "string") fail(".Id must be a string");

  if (Statement === undefined) fail(".Statement is required");
  const statements = Array.isArray(Statement) ? Statement : [Statement];
  if (statements.length === 0) fail(".Statement must not be an empty array");

  return {
    ...(Version === undefined ? {} : { Version: Version as PolicyVersion }),
    ...(Id === undefined ? {} : { Id }),
    Statement: statements.map((statement: unknown, index) =>
      parseStatement(statement, (detail) => fail(`.Statement[${index}]${detail}`)),
    ),
  };
}

function parseStatement(statement: unknown, fail: (detail: string) => never): PolicyStatement {
  if (!isObject(statement)) fail(" must be an object");
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) fail(`: unknown field "${key}"`);
  }
  if ("Condition" in statement) fail(".Condition is not supported");

  const { Sid, Effect } = statement;
  if (Sid !== undefined && typeof Sid !== "string") fail(".Sid must be a string");
  if (Effect !== "Allow" && Effect !== "Deny") fail('.Effect must be "Allow" or "Deny"');

  const actions = exactlyOne(statement, "Action", "NotAction", ACTION, "\"*\" or \"<service>:<action>\"", fail);
  const resources = exactlyOne(statement, "Resource", "NotResource", RESOURCE, '"*" or an ARN', fail);
  return {
    ...(Sid === undefined ? {} : { Sid }),
    Effect,
    [actions.key]: actions.values,
    [resources.key]: resources.values,
  };
}

/** One of `key` / `notKey` must be present: a pattern string or a non-empty array of them. */
function exactlyOne<K extends string, N extends string>(
  statement: Record<string, unknown>,
  key: K,
  notKey: N,
  pattern: RegExp,
  patternDescription: string,
  fail: (detail: string) => never,
): { key: K | N; values: string[] } {
  const present = [key, notKey].filter((k) => statement[k] !== undefined);
  if (present.length !== 1) fail(`: exactly one of ${key} or ${notKey} is required`);
  const found = present[0] as K | N;
  const raw = statement[found];
  const values = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "string")) {
    return fail(`.${found} must be a string or a non-empty array of strings`);
  }
  values.forEach((value: string, index) => {
    if (!pattern.test(value)) fail(`.${found}${typeof raw === "string" ? "" : `[${index}]`} must be ${patternDescription}`);
  });
  return { key: found, values: values as string[] };
}

function entryLabel(entry: unknown, index: number): string {
  const name = isObject(entry) ? entry.name : undefined;
  // Only a plausible name is quoted, so a misplaced secret is never echoed.
  return typeof name === "string" && IAM_USER_NAME.test(name) ? `credentials[${index}] ("${name}")` : `credentials[${index}]`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
