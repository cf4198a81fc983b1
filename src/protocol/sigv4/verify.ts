import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import {
  authorizationIncomplete,
  authorizationParameterWithoutValue,
  credentialScopeInvalid,
  hostNotSigned,
  malformedCredential,
  malformedSignature,
  malformedSigningDate,
  missingAuthenticationToken,
  signatureExpired,
  signatureMismatch,
  signatureNotYetCurrent,
  unrecognizedAccessKey,
  unsupportedSigningAlgorithm,
} from "../../errors/catalogue.js";
import type { Credential, CredentialSet } from "./credentials.js";

/**
 * SigV4 verification of a Cognito API request (Authorization header form only; presigned query
 * strings are not supported and count as a missing token).
 *
 * Both modes check the header's shape and its credential scope. Secure mode then checks the clock
 * skew, the access key and the signature over the real body. Dev mode knows no secrets, so any
 * access key passes and the signature is not checked; its caller is named after the access key.
 *
 * The checks run in the order AWS's front door runs them, so a request with several faults gets the
 * error AWS would report first. Messages follow AWS's texts, except that the Authorization header as
 * a whole is never echoed (it may be a misdirected bearer token).
 */

export interface SignedRequest {
  method: string;
  /** Raw request target as received, query string included: "/" or "/?a=b". */
  path: string;
  /** Lower-case names, as node gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Caller {
  accessKeyId: string;
  /** The credential scope's region. */
  region: string;
  accountId: string;
  /** `arn:aws:iam::<account>:user/<credential name>`; in dev mode the access key id stands in for the name. */
  arn: string;
  /** Secure mode only. */
  credential?: Credential;
}

export interface AuthenticateOptions {
  /** null: dev mode. */
  credentials: CredentialSet | null;
  accountId: string;
  now: Date;
}

export interface CredentialScope {
  /** yyyymmdd */
  date: string;
  region: string;
  service: string;
}

export interface SigningInput {
  method: string;
  /** Raw request target, query string included. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Lower-case header names in the order the Authorization header lists them. */
  signedHeaders: readonly string[];
  body: Buffer;
  /** yyyymmddThhmmssZ */
  timestamp: string;
  scope: CredentialScope;
  secretAccessKey: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const SERVICE = "cognito-idp";
const TERMINATOR = "aws4_request";
const MAX_SKEW_MS = 15 * 60 * 1000;
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
// Two to four letters, words, a number: us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1, eusc-de-east-1.
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

export function isValidRegion(region: string): boolean {
  return REGION.test(region);
}

export function authenticate(req: SignedRequest, opts: AuthenticateOptions): Caller {
  const authorization = headerValue(req.headers, "authorization");
  if (authorization === undefined || authorization.trim() === "") throw missingAuthenticationToken();
  const header = parseAuthorization(authorization);
  const { credential, signature, signedHeaders, timestamp } = requiredParts(
    header,
    headerValue(req.headers, "x-amz-date") ?? headerValue(req.headers, "date"),
  );
  const time = parseTimestamp(timestamp);

  if (opts.credentials !== null) checkSkew(timestamp, time, opts.now);
  if (!signedHeaders.includes("host")) throw hostNotSigned();
  if (header.algorithm !== ALGORITHM) throw unsupportedSigningAlgorithm(header.algorithm);
  // Trailing slashes are tolerated, as AWS does.
  const elements = credential.replace(/\/+$/, "").split("/");
  if (elements.length !== 5) throw malformedCredential(credential);
  if (!SIGNATURE.test(signature)) throw malformedSignature();
  const [accessKeyId, date, region, service, terminator] = elements as [string, string, string, string, string];
  checkScope({ date, region, service }, terminator, timestamp);

  if (opts.credentials === null) {
    if (accessKeyId === "") throw unrecognizedAccessKey();
    return { accessKeyId, region, accountId: opts.accountId, arn: userArn(opts.accountId, accessKeyId) };
  }

  const known = opts.credentials.byAccessKeyId(accessKeyId);
  if (known === undefined) throw unrecognizedAccessKey();
  const expected = computeSignature({
    method: req.method,
    path: req.path,
    headers: req.headers,
    signedHeaders,
    body: req.body,
    timestamp,
    scope: { date, region, service },
    secretAccessKey: known.secretAccessKey,
  });
  if (!timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(signature, "hex"))) throw signatureMismatch();
  return { accessKeyId, region, accountId: opts.accountId, arn: userArn(opts.accountId, known.name), credential: known };
}

/** The SigV4 signature (lower-case hex) of a request; the payload hash is always taken from the body itself. */
export function computeSignature(input: SigningInput): string {
  const scope = `${input.scope.date}/${input.scope.region}/${input.scope.service}/${TERMINATOR}`;
  const stringToSign = [ALGORITHM, input.timestamp, scope, sha256Hex(canonicalRequest(input))].join("\n");
  const signingKey = [input.scope.date, input.scope.region, input.scope.service, TERMINATOR].reduce<Buffer>(
    (key, part) => hmac(key, part),
    Buffer.from(`AWS4${input.secretAccessKey}`, "utf8"),
  );
  return hmac(signingKey, stringToSign).toString("hex");
}

function canonicalRequest(input: SigningInput): string {
  const queryStart = input.path.indexOf("?");
  const rawPath = queryStart === -1 ? input.path : input.path.slice(0, queryStart);
  const rawQuery = queryStart === -1 ? "" : input.path.slice(queryStart + 1);
  const headerLines = input.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(input.headers, name)}\n`);
  return [
    input.method.toUpperCase(),
    canonicalUri(rawPath),
    canonicalQuery(rawQuery),
    headerLines.join(""),
    input.signedHeaders.join(";"),
    sha256Hex(input.body),
  ].join("\n");
}

/**
 * Non-S3 services sign the normalised path (empty and "." segments dropped, ".." resolved) encoded
 * once more on top of the encoding it already has on the wire, as the SDKs do.
 */
function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.map((segment) => uriEncode(Buffer.from(segment, "utf8"))).join("/")}${trailingSlash}`;
}

/** Parameters decoded, re-encoded the SigV4 way and sorted by name, then value. */
function canonicalQuery(rawQuery: string): string {
  return rawQuery
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? "" : pair.slice(equals + 1);
      return [uriEncode(percentDecode(name)), uriEncode(percentDecode(value))] as const;
    })
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** Values trimmed, inner runs of whitespace collapsed, repeated headers joined with ",". */
function canonicalHeaderValue(headers: SignedRequest["headers"], name: string): string {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((v) => v.replace(/\s+/g, " ").trim()).join(",");
}

/** RFC 3986 encoding as SigV4 defines it: everything but A-Z a-z 0-9 - _ . ~ as upper-case %XX. */
function uriEncode(bytes: Buffer): string {
  let encoded = "";
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** %XX escapes to bytes; anything that is not a valid escape stays as it is. */
function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  const utf8 = Buffer.from(text, "utf8");
  for (let i = 0; i < utf8.length; i++) {
    const hex = utf8.subarray(i + 1, i + 3).toString("latin1");
    if (utf8[i] === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(utf8[i]!);
    }
  }
  return Buffer.from(bytes);
}

interface AuthorizationHeader {
  algorithm: string;
  parameters: Map<string, string>;
}

/** `<algorithm> Name=value, Name=value, ...`; commas and whitespace both separate parameters. */
function parseAuthorization(authorization: string): AuthorizationHeader {
  const trimmed = authorization.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const parameters = new Map<string, string>();
  const parts = space === -1 ? [] : trimmed.slice(space).split(/[\s,]+/);
  for (const part of parts) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    if (equals === -1) throw authorizationParameterWithoutValue();
    const value = part.slice(equals + 1);
    // SignedHeaders may be present but empty (the Host check rejects it); the others must have a value.
    if (value !== "" || part.startsWith("SignedHeaders=")) parameters.set(part.slice(0, equals), value);
  }
  return { algorithm, parameters };
}

/** Every missing part is reported at once, as AWS does. */
function requiredParts(header: AuthorizationHeader, timestamp: string | undefined) {
  const credential = header.parameters.get("Credential");
  const signature = header.parameters.get("Signature");
  const signedHeaders = header.parameters.get("SignedHeaders");
  if (credential !== undefined && signature !== undefined && signedHeaders !== undefined && timestamp !== undefined) {
    return { credential, signature, signedHeaders: signedHeaders.toLowerCase().split(";"), timestamp };
  }
  throw authorizationIncomplete({
    credential: credential === undefined,
    signature: signature === undefined,
    signedHeaders: signedHeaders === undefined,
    date: timestamp === undefined,
  });
}

function parseTimestamp(timestamp: string): Date {
  const match = TIMESTAMP.exec(timestamp);
  const [year, month, day, hours, minutes, seconds] = match === null ? [] : match.slice(1).map(Number);
  const time = match && new Date(Date.UTC(year!, month! - 1, day!, hours!, minutes!, seconds!));
  // Date.UTC rolls impossible dates over (month 13, 31 April, second 60) and maps years below 100 to 19xx:
  // reading every field back rejects them.
  const exact =
    time !== null &&
    time.getUTCFullYear() === year &&
    time.getUTCMonth() === month! - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hours &&
    time.getUTCMinutes() === minutes &&
    time.getUTCSeconds() === seconds;
  if (!exact) throw malformedSigningDate(timestamp);
  return time;
}

function checkSkew(timestamp: string, time: Date, now: Date): void {
  const nowSeconds = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (time.getTime() < nowSeconds.getTime() - MAX_SKEW_MS) {
    const earliest = formatTimestamp(new Date(nowSeconds.getTime() - MAX_SKEW_MS));
    throw signatureExpired(timestamp, earliest, formatTimestamp(nowSeconds));
  }
  if (time.getTime() > nowSeconds.getTime() + MAX_SKEW_MS) {
    const latest = formatTimestamp(new Date(nowSeconds.getTime() + MAX_SKEW_MS));
    throw signatureNotYetCurrent(timestamp, latest, formatTimestamp(nowSeconds));
  }
}

/** Every fault of the scope is reported at once, as AWS does. */
function checkScope(scope: CredentialScope, terminator: string, timestamp: string): void {
  const invalidRegion = isValidRegion(scope.region) ? undefined : scope.region;
  const wrongService = scope.service !== SERVICE;
  const invalidTerminator = terminator === TERMINATOR ? undefined : terminator;
  const timestampDate = timestamp.slice(0, 8);
  const mismatchedDate = scope.date === timestampDate ? undefined : { scopeDate: scope.date, timestampDate, timestamp };
  if (invalidRegion !== undefined || wrongService || invalidTerminator !== undefined || mismatchedDate !== undefined) {
    throw credentialScopeInvalid({ invalidRegion, wrongService, invalidTerminator, mismatchedDate });
  }
}

function formatTimestamp(time: Date): string {
  return time.toISOString().replace(/[-:]|\.\d{3}/g, "");
}

function headerValue(headers: SignedRequest["headers"], name: string): string | undefined {
  const value = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(value) ? value.join(",") : value;
}

function userArn(accountId: string, userName: string): string {
  return `arn:aws:iam::${accountId}:user/${userName}`;
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
