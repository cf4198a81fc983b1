import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { isDeepStrictEqual } from "node:util";
import { registry } from "../../src/api/registry.js";
import { modelledErrorNames } from "../../src/model/errors.gen.js";
import { operations, targetPrefix, type OperationName } from "../../src/model/operations.gen.js";
import { backends, startCognate, type Backend, type RunningCognate } from "../helpers/cognate.js";
import {
  devSignature,
  FUZZ_PASSWORDS,
  identifyingStrings,
  RequestGenerator,
  Rng,
  send,
  type FuzzRequest,
  type PoolIdentities,
  type RawResponse,
} from "../helpers/fuzzRequests.js";
import { poolState, seedPool } from "../helpers/fuzzState.js";

/**
 * Hostile input: thousands of random and mutated requests at a live server. Every reply must be a
 * well-formed success or AWS error (never a 5xx), the server must keep serving, and a rejected request
 * must change nothing. Replay a failure with the seed and count it prints:
 *   COGNATE_FUZZ_SEED=<seed> COGNATE_FUZZ_COUNT=<n> node --import tsx --test test/e2e/fuzz.test.ts
 */
const SEED = numberFromEnv("COGNATE_FUZZ_SEED", 0x5eed2026);
const COUNT = numberFromEnv("COGNATE_FUZZ_COUNT", 2500);
/** PostgreSQL runs the same sequence, shorter: the sqlite run covers the breadth, this one the other dialect. */
const COUNTS: Record<Backend, number> = { sqlite: COUNT, postgres: Math.ceil(COUNT / 5) };
/** A fresh playground pool this often, so deletions by earlier requests do not starve later ones of real ids. */
const RESEED_EVERY = 1000;
/** The share of requests aimed at the guarded pool, whose state is checked after every rejection. */
const GUARDED_SHARE = 0.07;


const ACCEPTED_STATUSES = new Set([200, 400, 404, 413, 415]);
/** Errors of the AWS front door rather than of Cognito's model. */
const FRAMEWORK_ERRORS = [
  "SerializationException",
  "UnknownOperationException",
  "UnsupportedMediaTypeException",
  "RequestEntityTooLargeException",
  "MissingAuthenticationTokenException",
  "IncompleteSignatureException",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "AccessDeniedException",
  "UnsupportedOperationException",
];
/** Errors only the front door raises, before any handler runs (handlers may throw UnsupportedOperationException too). */
const FRONT_DOOR_ERRORS = new Set(FRAMEWORK_ERRORS.filter((type) => type !== "UnsupportedOperationException"));

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

function isReadOnly(operation: OperationName | undefined): boolean {
  return operation !== undefined && /^(Describe|List|Get|AdminGet|AdminList)/.test(operation);
}

/** The properties checked on every reply; each is reported by a test of its own. */
type Property = "no 5xx" | "well-formed" | "modelled errors" | "no secrets" | "rejections change nothing";

interface Reply {
  status: number;
  json: Record<string, unknown> | undefined;
  type: string | undefined;
}

/** Failures by property and kind, so that one bug hit a hundred times reads as one line with a count. */
class Findings {
  private readonly byProperty = new Map<Property, Map<string, { count: number; first: string }>>();
  /** Replies by outcome (`200 <operation>` or the error type), to show how deep the run reached. */
  readonly outcomes = new Map<string, number>();

  add(property: Property, kind: string, example: string): void {
    const kinds = this.byProperty.get(property) ?? new Map<string, { count: number; first: string }>();
    this.byProperty.set(property, kinds);
    const found = kinds.get(kind);
    if (found === undefined) kinds.set(kind, { count: 1, first: example });
    else found.count++;
  }

  countOutcome(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /**
   * Fails, naming every kind of failure of the property with its first example and how to replay the run
   * (each backend runs a prefix of the same sequence).
   */
  assertNone(property: Property, backend: Backend): void {
    const kinds = this.byProperty.get(property);
    if (kinds === undefined) return;
    const lines = [...kinds].map(([kind, { count: times, first }]) => `- ${kind} (${times}×), first: ${first}`);
    assert.fail(
      `${kinds.size} kind(s) of failure of "${property}":\n${lines.join("\n")}\nReplay: COGNATE_FUZZ_SEED=${SEED} ` +
        `COGNATE_FUZZ_COUNT=${COUNT} node --import tsx --test --test-name-pattern=${backend} test/e2e/fuzz.test.ts`,
    );
  }
}

/** Checks one reply against every property and records what fails. */
function checkReply(findings: Findings, request: FuzzRequest, response: RawResponse, label: string): Reply {
  const example = `${label} → ${response.status} ${response.body.subarray(0, 300).toString("utf8")}`;
  const apiCall = request.method === "POST" && request.path.split("?")[0] === "/";
  if (response.status >= 500) findings.add("no 5xx", `status ${response.status}`, example);
  else if (!ACCEPTED_STATUSES.has(response.status) || (apiCall && response.status === 404)) {
    findings.add("well-formed", `status ${response.status}`, example);
  }
  if (typeof response.headers["x-amzn-requestid"] !== "string" || response.headers["x-amzn-requestid"] === "") {
    findings.add("well-formed", "no x-amzn-requestid header", example);
  }
  let json: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(response.body.toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    else findings.add("well-formed", "body is JSON but not an object", example);
  } catch {
    findings.add("well-formed", "body is not JSON", example);
  }
  const type = typeof json?.__type === "string" && json.__type !== "" ? json.__type : undefined;
  if (response.status !== 200 && json !== undefined) {
    if (type === undefined) findings.add("well-formed", "error without a string __type", example);
    if (typeof json.message !== "string") findings.add("well-formed", "error without a string message", example);
    if (apiCall && type !== undefined) {
      if (response.headers["x-amzn-errortype"] !== `${type}:`) findings.add("well-formed", "x-amzn-errortype differs from __type", example);
      if (response.headers["content-type"] !== "application/x-amz-json-1.1") findings.add("well-formed", "error content type", example);
      const allowed = request.operation === undefined ? [...FRAMEWORK_ERRORS, ...modelledErrorNames] : [...FRAMEWORK_ERRORS, ...operations[request.operation].errors];
      if (!allowed.includes(type)) findings.add("modelled errors", `${request.operation ?? "a request"} answered ${type}`, example);
    }
  }
  const everything = JSON.stringify(response.headers) + response.body.toString("utf8");
  if (FUZZ_PASSWORDS.some((password) => everything.includes(password))) findings.add("no secrets", "a password came back", example);
  return { status: response.status, json, type };
}

/** A rejection decided before any handler ran (framing, signature, the model's validation): it cannot have touched state. */
function rejectedAtTheDoor(reply: Reply): boolean {
  if (reply.type === undefined) return false;
  if (FRONT_DOOR_ERRORS.has(reply.type)) return true;
  return reply.type === "InvalidParameterException" && / validation errors? detected: /.test(String(reply.json?.message));
}

/**
 * Runs the whole seeded sequence against a live server. Most requests name the things of a playground pool;
 * a few name a guarded pool, whose state (as the SDK shows it) must not move unless a request succeeded.
 */
async function runFuzz(cognate: RunningCognate, seed: number, count: number, findings: Findings): Promise<void> {
  const cognito = cognate.client();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const rng = new Rng(seed);
  const generator = new RequestGenerator(rng, Object.keys(registry) as OperationName[]);

  let playground = await seedPool(cognito, "playground");
  let guarded = await seedPool(cognito, "guarded");
  let baseline = await poolState(cognito, guarded.poolId);
  /** Guarded requests since the state was last compared: none may have changed it. */
  let unchecked: string[] = [];
  const addresses = (ids: PoolIdentities, request: FuzzRequest) => {
    const text = (request.path + request.body.toString("utf8")).toLowerCase();
    return identifyingStrings(ids).some((id) => text.includes(id.toLowerCase()));
  };
  const compareGuarded = async (when: string) => {
    const now = await poolState(cognito, guarded.poolId);
    if (!isDeepStrictEqual(now, baseline)) {
      findings.add("rejections change nothing", "the guarded pool changed", `${when}; requests since the last check: ${unchecked.join(" | ")}`);
      baseline = now;
    }
    unchecked = [];
  };

  try {
    for (let index = 0; index < count; index++) {
      if (index > 0 && index % RESEED_EVERY === 0) playground = await seedPool(cognito, `playground-${index}`);
      const request = generator.next(rng.chance(GUARDED_SHARE) ? guarded : playground);
      const label = `#${index} ${request.description}`;
      const touchesGuarded = addresses(guarded, request);
      const mayChangeState = request.method === "POST" && !isReadOnly(request.operation);
      // Whatever changed so far must be put down to the rejections before this request can succeed.
      if (touchesGuarded && mayChangeState && unchecked.length > 0) await compareGuarded(`before ${label}`);

      let response: RawResponse;
      try {
        response = await send(cognate.url, request, { agent });
      } catch (error) {
        findings.add("well-formed", `no readable answer: ${(error as Error).message}`, label);
        continue;
      }
      const reply = checkReply(findings, request, response, label);
      findings.countOutcome(reply.status === 200 ? `200 ${request.operation ?? request.path.slice(0, 30)}` : (reply.type ?? String(reply.status)));
      const deletedPool = reply.status === 200 && request.operation === "DeleteUserPool";

      if (touchesGuarded && reply.status === 200 && mayChangeState) {
        if (deletedPool) guarded = await seedPool(cognito, `guarded-${index}`);
        baseline = await poolState(cognito, guarded.poolId);
      } else if (touchesGuarded) {
        unchecked.push(label.slice(0, 300));
        if (reply.status !== 200 && mayChangeState && !rejectedAtTheDoor(reply)) await compareGuarded(`after ${label}`);
      } else if (deletedPool && addresses(playground, request)) {
        playground = await seedPool(cognito, `playground-${index}`);
      }
    }
    await compareGuarded("at the end");
  } finally {
    agent.destroy();
  }
}

for (const backend of backends) {
  const count = COUNTS[backend];
  describe(`hostile input: ${count} seeded random and mutated requests (${backend}, seed ${SEED})`, () => {
    let cognate: RunningCognate;
    const findings = new Findings();
    const prototypeMembers = Object.getOwnPropertyNames(Object.prototype);
    before(async () => {
      cognate = await startCognate({ backend });
      await runFuzz(cognate, SEED, count, findings);
    });
    after(() => cognate.close());

    test("no request gets a 5xx", (t) => {
      const tally = [...findings.outcomes].sort(([, a], [, b]) => b - a).map(([outcome, times]) => `${outcome}: ${times}`);
      t.diagnostic(`outcomes: ${tally.join(", ")}`);
      findings.assertNone("no 5xx", backend);
    });

    test(
      "every reply is a readable AWS answer: accepted status, JSON body, __type and message on errors, a request id",
      () => findings.assertNone("well-formed", backend),
    );

    test("a rejected request changes nothing in the pool it names", () => findings.assertNone("rejections change nothing", backend));

    test("no password sent comes back in a reply", () => findings.assertNone("no secrets", backend));

    test("every error is one the model lists for the operation, or a front-door error", () =>
      findings.assertNone("modelled errors", backend));

    test(
      "values the model refuses (NUL, a huge name) get their 400 on every backend, in any member (found by this fuzz)",
      async () => {
        const cases: [OperationName, string][] = [
          ["ConfirmSignUp", JSON.stringify({ UserPoolId: "\u0000", PoolName: "a\u0000b" })],
          ["AdminDeleteUser", JSON.stringify({ UserPoolId: "us-east-1_AAAAAAAAA", Username: "a\u0000" })],
          ["SignUp", JSON.stringify({ ClientId: "\u0000", Username: "someone", Password: "Correct-Horse1" })],
          ["InitiateAuth", JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "abc", AuthParameters: { USERNAME: "u".repeat(900_000) } })],
        ];
        for (const [operation, body] of cases) {
          const response = await send(cognate.url, {
            method: "POST",
            path: "/",
            headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `${targetPrefix}.${operation}`, ...devSignature() },
            body: Buffer.from(body, "utf8"),
          });
          const answer = response.body.toString("utf8").slice(0, 200);
          assert.equal(response.status, 400, `${operation}: ${answer}`);
          assert.equal(JSON.parse(response.body.toString("utf8")).__type, "InvalidParameterException", `${operation}: ${answer}`);
        }
      },
    );

    test("the server still serves and no prototype was polluted", async () => {
      const health = await fetch(`${cognate.url}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(Object.getOwnPropertyNames(Object.prototype), prototypeMembers);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
}
