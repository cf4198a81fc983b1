import { createHmac } from "node:crypto";
import http from "node:http";
import { operations, targetPrefix, type OperationName } from "../../src/model/operations.gen.js";
import { shapes, type Shape, type StructureShape } from "../../src/model/shapes.gen.js";

/**
 * The request generator of the hostile-input fuzz test: requests built from the service model with real
 * ids, then mutated (JSON types, nulls, nesting, huge and hostile strings, odd numbers), plus garbage
 * targets, headers, paths and raw bodies. Everything comes from one seeded PRNG: a seed replays the same
 * sequence of requests (answers that depend on the clock, such as lockouts, may differ).
 */

/** mulberry32: a tiny seeded PRNG (32-bit state), good enough to spread test cases and exactly replayable. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Calls one of the functions, chosen in proportion to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [number, () => T]>): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, choose] of choices) {
      roll -= weight;
      if (roll < 0) return choose();
    }
    return choices.at(-1)![1]();
  }

  word(min = 3, max = 12): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let word = "";
    for (let i = this.int(min, max); i > 0; i--) word += alphabet[this.int(0, alphabet.length - 1)];
    return word;
  }
}

/** Real things of one pool that generated requests name, so that handlers get past "not found". */
export interface PoolIdentities {
  poolId: string;
  clientIds: string[];
  /** Secrets of the clients that have one, by client id. */
  clientSecrets: Record<string, string>;
  usernames: string[];
  groupNames: string[];
  accessTokens: string[];
  refreshTokens: string[];
  sessions: string[];
}

/** Every string that, found in a request, means the request addresses this pool. */
export function identifyingStrings(ids: PoolIdentities): string[] {
  return [ids.poolId, ...ids.clientIds, ...ids.accessTokens, ...ids.refreshTokens, ...ids.sessions];
}

/** JSON text to embed as it is: numbers JSON.stringify cannot write, deep nesting, duplicate keys. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Members written after an object's own ones, verbatim (`"key":value`), so that keys may repeat. */
const EXTRA_MEMBERS = Symbol("extra members");
type JsonObject = { [key: string]: unknown; [EXTRA_MEMBERS]?: string[] };

/** Serialises a generated value; RawJson and extra members go out verbatim. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const object = value as JsonObject;
    const members = Object.entries(object).map(([key, member]) => `${JSON.stringify(key)}:${toJson(member)}`);
    return `{${[...members, ...(object[EXTRA_MEMBERS] ?? [])].join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Passwords generated requests use: they must never come back in any response. */
export const FUZZ_PASSWORDS = ["Fuzz-Secret-Pass1", "Correct-Horse1", "Other-Fuzz-Secret2"] as const;

export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "  padded  ",
  "\t",
  "\r\n",
  "line\r\nX-Injected: yes",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "a\ud83db",
  "\ud83d\ude00",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "\u202eevil\u202c",
  "مرحبا بالعالم",
  "שלום",
  "\u200b\u200c\u200d",
  "\ufeffbom",
  "\uffff\ufffe",
  "e\u0301\u0301\u0301",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Ω≈ç√∫˜µ≤≥÷",
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  "%s%s%n%x",
  "${jndi:ldap://127.0.0.1/a}",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "<script>alert(1)</script>",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "true",
  "null",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "\\",
  '"',
  "{####}",
  "{##link##}",
  "%00%0d%0a",
  "us-east-1_",
  "us-east-1_AAAAAAAAA",
  "a".repeat(129),
  "é".repeat(300),
  "🔥".repeat(1100),
];

/** Number tokens JSON allows but JavaScript numbers mangle or do not hold. */
const ODD_NUMBERS = [
  "1e308",
  "1e400",
  "-1e400",
  "-0",
  "0.5",
  "1.0",
  "1E2",
  "9007199254740993",
  "123456789012345678901234567890",
  "-9223372036854775809",
  "4294967296",
  "2147483648",
  "-1",
  "1e-400",
];

/** A value of every JSON type, to put where another belongs. */
const JSON_VALUES: readonly unknown[] = [0, 42, -1, 1.5, true, false, "text", [], {}, ["a", 1], { a: 1 }, { Name: "email", Value: "x" }];

const ATTRIBUTE_NAMES = [
  "email",
  "email_verified",
  "name",
  "phone_number",
  "phone_number_verified",
  "given_name",
  "family_name",
  "birthdate",
  "locale",
  "custom:tier",
  "custom:unknown",
  "sub",
  "preferred_username",
  "updated_at",
  "address",
];

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The model operation the target names, if any. */
  operation?: OperationName;
  /** What was generated, for failure messages. */
  description: string;
}

/** One request's recipe: the operation and body generation, then mutations, all from the PRNG. */
export class RequestGenerator {
  private mutations: string[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly implemented: readonly OperationName[],
    private readonly allOperations: readonly OperationName[] = Object.keys(operations) as OperationName[],
  ) {}

  /** The next request, naming the things of `ids` (a real pool) in most of its members. */
  next(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    this.mutations = [];
    return rng.weighted<FuzzRequest>([
      [50, () => this.modelRequest(ids, rng.pick(this.implemented), rng.chance(0.6) ? rng.int(1, 3) : 0, rng.chance(0.08) ? 1 : 0)],
      [6, () => this.modelRequest(ids, rng.pick(this.allOperations), rng.int(0, 1), 0)],
      [8, () => this.garbledTarget(ids)],
      [10, () => this.modelRequest(ids, rng.pick(this.implemented), rng.int(0, 1), rng.int(1, 3))],
      [8, () => this.rawBody(ids)],
      [4, () => this.hugeValue(ids)],
      [5, () => this.unicodeEverywhere(ids)],
      [5, () => this.otherPath(ids)],
    ]);
  }

  private modelRequest(ids: PoolIdentities, operation: OperationName, bodyMutations: number, headerMutations: number): FuzzRequest {
    const input = this.structure(operations[operation].input, ids, 0) as JsonObject;
    for (let i = 0; i < bodyMutations; i++) this.mutate(input);
    const headers = this.apiHeaders(operation, `${targetPrefix}.${operation}`);
    for (let i = 0; i < headerMutations; i++) this.mutateHeaders(headers);
    return this.request("POST", "/", headers, Buffer.from(toJson(input), "utf8"), operation, "model");
  }

  private garbledTarget(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    const operation = rng.pick(this.implemented);
    const target = rng.pick([
      `${targetPrefix}.${operation.toLowerCase()}`,
      `${targetPrefix}.${operation.toUpperCase()}`,
      `${targetPrefix}.`,
      targetPrefix,
      `.${operation}`,
      operation,
      `${targetPrefix}.${operation}.${operation}`,
      `${targetPrefix}.${operation} `,
      `${targetPrefix}..${operation}`,
      `${targetPrefix}.__proto__`,
      `${targetPrefix}.constructor`,
      `${targetPrefix}.toString`,
      `${targetPrefix}.hasOwnProperty`,
      `${targetPrefix}.valueOf`,
      "DynamoDB_20120810.ListTables",
      `AWSCognitoIdentityService.${operation}`,
      `${targetPrefix}.${operation}\u00e9`,
      `${targetPrefix}.${"A".repeat(4000)}`,
      "",
      ".",
      `${targetPrefix}.${operation},${targetPrefix}.DeleteUserPool`,
    ]);
    this.mutations.push(`target ${JSON.stringify(target.slice(0, 80))}`);
    const input = this.structure(operations[operation].input, ids, 0);
    const headers = this.apiHeaders(operation, target);
    return this.request("POST", "/", headers, Buffer.from(toJson(input), "utf8"), undefined, "target");
  }

  private rawBody(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    const operation = rng.pick(this.implemented);
    const depth = rng.pick([100, 1000, 20000, 100000]);
    const valid = toJson(this.structure(operations[operation].input, ids, 0));
    const [label, body] = rng.pick<readonly [string, string | Buffer]>([
      ["empty", ""],
      ["space", " "],
      ["open brace", "{"],
      ["close brace", "}"],
      ["array", "[]"],
      ["null", "null"],
      ["true", "true"],
      ["number", "0"],
      ["string", '"text"'],
      ["missing value", '{"a":}'],
      ["single quotes", "{'UserPoolId':'x'}"],
      ["trailing comma", '{"MaxResults":1,}'],
      ["bom", `\ufeff${valid}`],
      ["trailing garbage", `${valid}garbage`],
      ["two documents", `${valid} ${valid}`],
      ["truncated", valid.slice(0, Math.max(1, valid.length - rng.int(1, 5)))],
      ["NaN literal", '{"MaxResults":NaN}'],
      ["comment", `/* hi */${valid}`],
      ["deep arrays", `${"[".repeat(depth)}${"]".repeat(depth)}`],
      ["deep objects", `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`],
      ["deep unclosed", "[".repeat(depth)],
      ["deep member", `{"UserPoolId":${"[".repeat(depth)}${"]".repeat(depth)}}`],
      ["proto pollution", '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'],
      ["invalid utf-8", Buffer.concat([Buffer.from('{"PoolName":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')])],
      ["utf-16", Buffer.from(valid, "utf16le")],
      ["random bytes", Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255)))],
      ["gzip magic", Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00])],
      ["escaped NUL", '{"PoolName":"a\\u0000b","UserPoolId":"\\u0000"}'],
      ["escaped lone surrogates", '{"PoolName":"\\ud800\\udc00\\udfff","Username":"\\ud800"}'],
      ["huge number", `{"MaxResults":${"9".repeat(5000)}}`],
    ]);
    this.mutations.push(`raw body: ${label}`);
    const headers = this.apiHeaders(operation, `${targetPrefix}.${operation}`);
    return this.request("POST", "/", headers, Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8"), operation, "raw");
  }

  /** One member near (or over) the 1 MiB body limit. */
  private hugeValue(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    const operation = rng.pick(this.implemented);
    const input = this.structure(operations[operation].input, ids, 0) as JsonObject;
    const length = rng.pick([70_000, 131_073, 500_000, 1_040_000, 1_100_000]);
    const unit = rng.pick(["x", "é", "🔥", "\\u0000"]);
    const slots = slotsOf(input);
    const huge = unit === "\\u0000" ? new RawJson(`"${"\\u0000".repeat(length / 6)}"`) : unit.repeat(length / Buffer.byteLength(unit));
    if (slots.length > 0 && rng.chance(0.8)) {
      const [container, key] = rng.pick(slots);
      container[key] = huge;
      this.mutations.push(`huge ${JSON.stringify(unit)} string (${length} bytes) at ${String(key)}`);
    } else {
      input.Padding = huge;
      this.mutations.push(`huge unknown member (${length} bytes)`);
    }
    const headers = this.apiHeaders(operation, `${targetPrefix}.${operation}`);
    return this.request("POST", "/", headers, Buffer.from(toJson(input), "utf8"), operation, "huge");
  }

  private unicodeEverywhere(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    const operation = rng.pick(this.implemented);
    const input = this.structure(operations[operation].input, ids, 0) as JsonObject;
    for (const [container, key] of slotsOf(input)) {
      if (typeof container[key] === "string" && rng.chance(0.7)) container[key] = this.hostileString();
    }
    this.mutations.push("hostile strings in string members");
    const headers = this.apiHeaders(operation, `${targetPrefix}.${operation}`);
    return this.request("POST", "/", headers, Buffer.from(toJson(input), "utf8"), operation, "unicode");
  }

  private otherPath(ids: PoolIdentities): FuzzRequest {
    const rng = this.rng;
    const poolPart = rng.pick([
      ids.poolId,
      ids.poolId.toLowerCase(),
      percentEncode(this.hostileString()),
      "..%2f..%2fetc%2fpasswd",
      "%2e%2e",
      "%2e%2e%2f%2e%2e",
      "..",
      ".",
      "%00",
      "%0d%0aSet-Cookie:%20a=b",
      "%ff%fe",
      "%zz",
      "us-east-1_" + "A".repeat(rng.pick([9, 100, 5000])),
    ]);
    const [method, path] = rng.pick<readonly [string, string]>([
      ["GET", `/${poolPart}/.well-known/jwks.json`],
      ["GET", `/${poolPart}/.well-known/openid-configuration`],
      ["GET", `/${poolPart}/.well-known/jwks.json?x=${poolPart}`],
      ["GET", `/${poolPart}/.well-known/../.well-known/jwks.json`],
      ["GET", `/${poolPart}//.well-known/jwks.json`],
      ["GET", `/.well-known/jwks.json`],
      ["GET", "/"],
      ["GET", "/health"],
      ["GET", "/oauth2/token"],
      ["PUT", "/"],
      ["DELETE", "/"],
      ["POST", `/${poolPart}`],
      ["POST", "/?Action=ListUserPools"],
      ["POST", "//"],
    ]);
    this.mutations.push(`${method} ${path.slice(0, 120)}`);
    const operation = rng.pick(this.implemented);
    const headers = method === "POST" ? this.apiHeaders(operation, `${targetPrefix}.${operation}`) : {};
    const body = method === "POST" ? Buffer.from(toJson(this.structure(operations[operation].input, ids, 0)), "utf8") : Buffer.alloc(0);
    return this.request(method, path, headers, body, method === "POST" && path.split("?")[0] === "/" ? operation : undefined, "path");
  }

  private request(
    method: string,
    path: string,
    headers: Record<string, string | string[]>,
    body: Buffer,
    operation: OperationName | undefined,
    kind: string,
  ): FuzzRequest {
    const excerpt = body.subarray(0, 300).toString("utf8");
    const description =
      `${kind} ${method} ${path.slice(0, 120)} target=${JSON.stringify(String(headers["x-amz-target"] ?? "(none)").slice(0, 100))} ` +
      `mutations=[${this.mutations.join("; ")}] body(${body.length} bytes)=${JSON.stringify(excerpt)}`;
    return { method, path, headers, body, ...(operation === undefined ? {} : { operation }), description };
  }

  /** Headers as an SDK sends them; signed operations get a well-formed dev-mode SigV4 header. */
  private apiHeaders(operation: OperationName, target: string): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": target,
    };
    if (operations[operation].auth === "sigv4" ? this.rng.chance(0.97) : this.rng.chance(0.3)) {
      Object.assign(headers, devSignature(this.rng.chance(0.05) ? this.rng.pick(["eu-west-1", "ap-southeast-2", "us-west-2"]) : "us-east-1"));
    }
    return headers;
  }

  private mutateHeaders(headers: Record<string, string | string[]>): void {
    const rng = this.rng;
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
    rng.weighted<void>([
      [
        4,
        () => {
          const contentType = rng.pick([
            "application/json",
            "APPLICATION/X-AMZ-JSON-1.1",
            "application/x-amz-json-1.1; charset=utf-8",
            "application/x-amz-json-1.1;charset=latin1",
            "application/x-amz-json-1.0",
            "application/x-amz-json-1.1, text/plain",
            "text/plain",
            "text/json",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "",
            ";",
            "application/x-amz-json-1.1\u00ff",
            "a".repeat(2000),
          ]);
          headers["content-type"] = contentType;
          this.mutations.push(`content-type ${JSON.stringify(contentType.slice(0, 60))}`);
        },
      ],
      [
        1,
        () => {
          delete headers["content-type"];
          this.mutations.push("no content-type");
        },
      ],
      [
        4,
        () => {
          const scope = `${date.slice(0, 8)}/us-east-1/cognito-idp/aws4_request`;
          const authorization = rng.pick([
            "",
            " ",
            "Bearer eyJhbGciOiJub25lIn0.e30.",
            "Basic YWRtaW46YWRtaW4=",
            "AWS4-HMAC-SHA256",
            `AWS4-HMAC-SHA256 Credential=AKID/${scope}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${scope}, SignedHeaders=host, Signature=${"0".repeat(63)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${scope}, SignedHeaders=host, Signature=${"G".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${scope}, SignedHeaders=x-amz-date, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=/${scope}, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${date.slice(0, 8)}/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${date.slice(0, 8)}/not a region/cognito-idp/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/19990101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${scope}/extra/parts, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID/${scope},,, SignedHeaders=host;;host, Signature=${"0".repeat(64)}, Signature=${"1".repeat(64)}`,
            `AWS4-HMAC-SHA1 Credential=AKID/${scope}, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=${"K".repeat(6000)}/${scope}, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 Credential=AKID\u00e9/${scope}, SignedHeaders=host, Signature=${"0".repeat(64)}`,
            `AWS4-HMAC-SHA256 =, ==, Credential==, SignedHeaders=, Signature=`,
          ]);
          headers.authorization = authorization;
          this.mutations.push(`authorization ${JSON.stringify(authorization.slice(0, 100))}`);
        },
      ],
      [
        1,
        () => {
          delete headers.authorization;
          this.mutations.push("no authorization");
        },
      ],
      [
        3,
        () => {
          const amzDate = rng.pick(["", "garbage", "20261313T000000Z", "20260230T000000Z", "19700101T000000Z", "99991231T235959Z", `${date} `, date.toLowerCase(), "Thu, 01 Jan 1970 00:00:00 GMT", date.slice(0, 8)]);
          headers["x-amz-date"] = amzDate;
          this.mutations.push(`x-amz-date ${JSON.stringify(amzDate)}`);
        },
      ],
      [
        2,
        () => {
          const target = headers["x-amz-target"];
          headers["x-amz-target"] = [String(target), `${targetPrefix}.${rng.pick(this.implemented)}`];
          this.mutations.push("two x-amz-target headers");
        },
      ],
      [
        2,
        () => {
          const [name, value] = rng.pick<readonly [string, string]>([
            ["x-amz-security-token", "FQoGZXIvYXdzE" + "A".repeat(rng.int(1, 3000))],
            ["content-encoding", "gzip"],
            ["x-amz-content-sha256", "UNSIGNED-PAYLOAD"],
            ["x-forwarded-for", "' OR 1=1 --, 10.0.0.1, ::1"],
            ["host", "evil.example.com"],
            ["x-amz-user-agent", "\u00ff\u00fe"],
            ["accept", "text/html"],
            ["x-http-method-override", "DELETE"],
            ["x-amzn-requestid", "client-chosen-request-id"],
            [`x-${rng.word()}`, rng.word(0, 200)],
          ]);
          headers[name] = value;
          this.mutations.push(`header ${name}`);
        },
      ],
    ]);
  }

  /** A present, model-valid value for a structure, naming real things where members call for them. */
  private structure(shapeName: string, ids: PoolIdentities, depth: number): JsonObject {
    const shape = shapes[shapeName] as StructureShape;
    const value: JsonObject = {};
    // Parameters that name a user or answer a challenge are made last, for the flow and client chosen.
    const members = Object.entries(shape.members).sort(([a], [b]) => Number(DEPENDENT_MEMBERS.has(a)) - Number(DEPENDENT_MEMBERS.has(b)));
    for (const [name, member] of members) {
      const required = shape.required.includes(name);
      if (!required && !this.rng.chance(depth === 0 || DEPENDENT_MEMBERS.has(name) ? 0.6 : 0.25)) continue;
      value[name] = this.hint(name, ids, value) ?? this.value(member.shape, ids, depth + 1);
    }
    return value;
  }

  /** Values that make a handler go deep: real ids, passwords that meet the default policy, real tokens. */
  private hint(name: string, ids: PoolIdentities, siblings: JsonObject): unknown {
    const rng = this.rng;
    const some = (items: readonly string[], otherwise: () => string) => (items.length > 0 && rng.chance(0.9) ? rng.pick(items) : otherwise());
    switch (name) {
      case "UserPoolId":
        return rng.chance(0.93) ? ids.poolId : rng.pick(["us-east-1_AAAAAAAAA", "eu-west-1_abcdefghi", `${ids.poolId}x`, ids.poolId.toUpperCase()]);
      case "ClientId":
        return some(ids.clientIds, () => rng.word(26, 26).toLowerCase());
      case "Username":
        return some(ids.usernames, () => rng.word());
      case "GroupName":
        return some(ids.groupNames, () => rng.word());
      case "Password":
      case "TemporaryPassword":
      case "ProposedPassword":
      case "PreviousPassword":
        return rng.pick([...FUZZ_PASSWORDS, "short", "nouppercase1!"]);
      case "AccessToken":
        return some(ids.accessTokens, () => "eyJ" + rng.word(20, 200));
      case "RefreshToken":
      case "Token":
        return some(ids.refreshTokens, () => "eyJ" + rng.word(20, 200));
      case "Session":
        return some(ids.sessions, () => rng.word(20, 300));
      case "AuthFlow":
        return rng.chance(0.8) ? rng.pick(["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "USER_SRP_AUTH"]) : undefined;
      case "ChallengeName":
        return rng.chance(0.7) ? "NEW_PASSWORD_REQUIRED" : undefined;
      case "AuthParameters":
        return this.authParameters(ids, siblings);
      case "ChallengeResponses": {
        const username = some(ids.usernames, () => rng.word());
        return {
          USERNAME: username,
          ...(rng.chance(0.8) ? { NEW_PASSWORD: rng.pick(FUZZ_PASSWORDS) } : {}),
          ...(rng.chance(0.3) ? { "userAttributes.name": rng.word() } : {}),
          ...this.secretHash(ids, siblings.ClientId, username),
        };
      }
      case "UserAttributes":
        return Array.from({ length: rng.int(0, 3) }, () => this.attribute());
      case "UserAttributeNames":
      case "AttributesToGet":
        return Array.from({ length: rng.int(1, 3) }, () => rng.pick(ATTRIBUTE_NAMES));
      case "Filter":
        return rng.pick(['email ^= "a"', 'username = "alice"', 'status = "Enabled"', 'cognito:user_status = "CONFIRMED"', "", "email", 'name ^= ""', 'sub = "x" or 1=1']);
      case "ConfirmationCode":
      case "Code":
        return String(rng.int(0, 999999)).padStart(6, "0");
      case "PoolName":
      case "ClientName":
        return `fuzz-${rng.word()}`;
      default:
        return undefined;
    }
  }

  /** Parameters for the flow and client the request names, a real SECRET_HASH included most of the time. */
  private authParameters(ids: PoolIdentities, siblings: JsonObject): Record<string, string> {
    const rng = this.rng;
    const username = ids.usernames.length > 0 && rng.chance(0.9) ? rng.pick(ids.usernames) : rng.word();
    const flow = String(siblings.AuthFlow);
    if (rng.chance(0.15)) {
      return rng.pick<Record<string, string>>([{}, { [rng.pick(["constructor", "toString", "valueOf"])]: username }, { USERNAME: username, SRP_A: "0" }]);
    }
    if (flow.startsWith("REFRESH")) {
      return { REFRESH_TOKEN: ids.refreshTokens.length > 0 ? rng.pick(ids.refreshTokens) : rng.word(), ...this.secretHash(ids, siblings.ClientId, username) };
    }
    const proof: Record<string, string> = flow === "USER_SRP_AUTH" ? { SRP_A: Array.from({ length: 256 }, () => rng.int(0, 15).toString(16)).join("") } : { PASSWORD: rng.pick(FUZZ_PASSWORDS) };
    return { USERNAME: username, ...proof, ...this.secretHash(ids, siblings.ClientId, username) };
  }

  /** SECRET_HASH for a client with a secret, as clients compute it (or, now and then, a wrong one). */
  private secretHash(ids: PoolIdentities, clientId: unknown, username: string): Record<string, string> {
    const secret = typeof clientId === "string" ? ids.clientSecrets[clientId] : undefined;
    if (secret === undefined) return this.rng.chance(0.05) ? { SECRET_HASH: this.rng.word(1, 90) } : {};
    if (this.rng.chance(0.1)) return {};
    const hash = createHmac("sha256", secret).update(username + clientId).digest("base64");
    if (this.rng.chance(0.85)) return { SECRET_HASH: hash };
    return { SECRET_HASH: this.rng.pick([`${hash.slice(0, -2)}A=`, hash.slice(1), `${hash}=`, this.rng.word(1, 90)]) };
  }

  private attribute(): { Name: string; Value: string } {
    const rng = this.rng;
    const name = rng.pick(ATTRIBUTE_NAMES);
    const value =
      name === "email"
        ? `${rng.word()}@example.com`
        : name === "phone_number"
          ? `+1555${rng.int(1000000, 9999999)}`
          : name.endsWith("_verified")
            ? rng.pick(["true", "false", "yes"])
            : rng.word(0, 20);
    return { Name: name, Value: value };
  }

  /** A value satisfying the shape's constraints as far as a random draw easily can. */
  private value(shapeName: string, ids: PoolIdentities, depth: number): unknown {
    const rng = this.rng;
    const shape: Shape = shapes[shapeName]!;
    switch (shape.type) {
      case "structure":
        return depth > 6 ? {} : this.structure(shapeName, ids, depth);
      case "list": {
        const min = shape.min ?? 0;
        const count = depth > 6 ? min : rng.int(min, Math.max(min, Math.min(shape.max ?? 3, 3)));
        return Array.from({ length: count }, () => this.value(shape.member, ids, depth + 1));
      }
      case "map": {
        const entries: Record<string, unknown> = {};
        for (let i = rng.int(0, 3); i > 0; i--) entries[this.value(shape.key, ids, depth + 1) as string] = this.value(shape.value, ids, depth + 1);
        return entries;
      }
      case "document":
        return rng.pick([{}, { a: [1, "b", null] }, "text", 1, null]);
      case "string": {
        if (shape.enum !== undefined) return rng.pick(shape.enum);
        const min = shape.min ?? 1;
        const max = Math.max(min, Math.min(shape.max ?? 16, 16));
        if (/Arn/.test(shapeName)) return `arn:aws:iam::123456789012:role/${rng.word()}`;
        return rng.word(min, max);
      }
      case "integer":
      case "long": {
        const min = shape.min ?? 0;
        return rng.int(min, Math.min(shape.max ?? min + 1000, min + 1_000_000));
      }
      case "boolean":
        return rng.chance(0.5);
      case "timestamp":
        return rng.int(0, 2_000_000_000);
      case "blob":
        return Buffer.from(rng.word(shape.min ?? 1, Math.min(shape.max ?? 32, 32))).toString("base64");
    }
  }

  private hostileString(): string {
    return this.rng.pick(HOSTILE_STRINGS);
  }

  /** One change to a random place of the body: a wrong type, null, removal, a hostile value or an extra member. */
  private mutate(input: JsonObject): void {
    const rng = this.rng;
    const slots = slotsOf(input);
    const [container, key] = slots.length > 0 && rng.chance(0.85) ? rng.pick(slots) : ([input, rng.pick(["Extra", "userPoolId", "USERPOOLID", ""])] as const);
    const where = `${String(key)}`;
    rng.weighted<void>([
      [5, () => void ((container[key] = structuredClone(rng.pick(JSON_VALUES))), this.mutations.push(`other JSON value at ${where}`))],
      [3, () => void ((container[key] = null), this.mutations.push(`null at ${where}`))],
      [
        3,
        () => {
          if (Array.isArray(container)) container.splice(Number(key), 1);
          else delete container[key];
          this.mutations.push(`removed ${where}`);
        },
      ],
      [6, () => void ((container[key] = this.hostileString()), this.mutations.push(`hostile string at ${where}`))],
      [4, () => void ((container[key] = new RawJson(rng.pick(ODD_NUMBERS))), this.mutations.push(`odd number at ${where}`))],
      [
        2,
        () => {
          const depth = rng.pick([50, 1000, 10000]);
          container[key] = new RawJson(rng.chance(0.5) ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
          this.mutations.push(`nesting ${depth} deep at ${where}`);
        },
      ],
      [
        2,
        () => {
          container[key] = Array.from({ length: rng.pick([100, 10000]) }, () => rng.pick(["a", "email", 1, {}]));
          this.mutations.push(`long array at ${where}`);
        },
      ],
      [
        2,
        () => {
          const value = container[key];
          container[key] = typeof value === "string" ? rng.pick([value.toUpperCase(), `${value} `, ` ${value}`, `${value}\u0000`, value + value, value.slice(1)]) : value;
          this.mutations.push(`altered string at ${where}`);
        },
      ],
      [
        2,
        () => {
          const extra = (container[EXTRA_MEMBERS] ??= []);
          const member = rng.pick([
            `"__proto__":{"polluted":"yes"}`,
            `"constructor":{"prototype":{"polluted":"yes"}}`,
            `${JSON.stringify(String(key))}:${toJson(structuredClone(rng.pick(JSON_VALUES)))}`,
            `"toString":"x"`,
          ]);
          extra.push(member);
          this.mutations.push(`extra member ${member.slice(0, 40)} beside ${where}`);
        },
      ],
      [
        2,
        () => {
          const map: JsonObject = { [rng.pick(["constructor", "toString", "valueOf", "", "a".repeat(300)])]: rng.pick(HOSTILE_STRINGS) };
          map[EXTRA_MEMBERS] = [`"__proto__":${JSON.stringify(rng.pick(HOSTILE_STRINGS))}`];
          container[key] = map;
          this.mutations.push(`object with hostile keys at ${where}`);
        },
      ],
    ]);
  }
}

/** Members whose useful values depend on others of the same request (the flow, the client). */
const DEPENDENT_MEMBERS = new Set(["AuthParameters", "ChallengeResponses"]);

type Slot = readonly [JsonObject, string];

/** Every (object, key) place in a body, depth first, arrays' elements included. */
function slotsOf(root: JsonObject): Slot[] {
  const slots: Slot[] = [];
  const visit = (value: unknown) => {
    if (value instanceof RawJson || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((_element, index) => {
        slots.push([value as unknown as JsonObject, String(index)]);
        visit(value[index]);
      });
      return;
    }
    for (const key of Object.keys(value)) {
      slots.push([value as JsonObject, key]);
      visit((value as JsonObject)[key]);
    }
  };
  visit(root);
  return slots;
}

/** Every byte of the UTF-8 (lone surrogates become U+FFFD) outside A-Z a-z 0-9 - _ . ~ as %XX. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

/** A well-formed SigV4 header as dev mode requires: any key, signature not checked. */
export function devSignature(region = "us-east-1"): Record<string, string> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  return {
    "x-amz-date": amzDate,
    authorization:
      `AWS4-HMAC-SHA256 Credential=AKIDFUZZFUZZ/${amzDate.slice(0, 8)}/${region}/cognito-idp/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request exactly as built (no header or body rewriting) and reads the whole answer. */
export function send(
  baseUrl: string,
  request: Pick<FuzzRequest, "method" | "path" | "headers" | "body">,
  options: { agent?: http.Agent; timeoutMs?: number } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, "content-length": String(request.body.length) },
        ...(options.agent === undefined ? {} : { agent: options.agent }),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
