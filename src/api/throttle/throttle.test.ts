import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CognitoError } from "../../errors/cognitoError.js";
import { openSqliteStore } from "../../storage/sqlite/index.js";
import type { Store } from "../../domain/ports/store.js";
import { effectiveRateLimits } from "../../config/rateLimits.js";
import { checkRate } from "./throttle.js";

const T0 = new Date("2024-07-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function outcomes(attempts: Array<() => Promise<void>>): Promise<string[]> {
  const results: string[] = [];
  for (const attempt of attempts) {
    try {
      await attempt();
      results.push("ok");
    } catch (error) {
      assert.ok(error instanceof CognitoError);
      results.push(`${error.type}: ${error.message}`);
    }
  }
  return results;
}

const THROTTLED = "TooManyRequestsException: Rate exceeded";

describe("checkRate", () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore(":memory:");
  });
  after(() => store.close());

  test("the third call at rate 2 within one instant is refused with Rate exceeded, and a second later two pass", async () => {
    const limits = { UserAccountRecovery: 2 };
    const call = (ms: number) => () => checkRate(store.rateLimits, limits, "AdminSetUserPassword", "eu-west-1", at(ms));
    assert.deepEqual(await outcomes([call(0), call(1), call(2)]), ["ok", "ok", THROTTLED]);
    assert.deepEqual(await outcomes([call(1002), call(1003), call(1004)]), ["ok", "ok", THROTTLED]);
  });

  test("a category without a limit is never throttled and other categories keep their own bucket", async () => {
    const limits = { UserAccountRecovery: 1 };
    const recovery = () => checkRate(store.rateLimits, limits, "ForgotPassword", "ap-south-1", T0);
    const read = () => checkRate(store.rateLimits, limits, "AdminGetUser", "ap-south-1", T0);
    assert.deepEqual(await outcomes([recovery, recovery, read, read, read]), ["ok", THROTTLED, "ok", "ok", "ok"]);
  });

  test("operations of one category share its bucket, and each region has its own", async () => {
    const limits = { UserAccountRecovery: 2 };
    const op = (operation: "ChangePassword" | "ConfirmForgotPassword", region: string) => () =>
      checkRate(store.rateLimits, limits, operation, region, T0);
    assert.deepEqual(
      await outcomes([op("ChangePassword", "us-west-2"), op("ConfirmForgotPassword", "us-west-2"), op("ChangePassword", "us-west-2"), op("ChangePassword", "us-east-2")]),
      ["ok", "ok", THROTTLED, "ok"],
    );
  });

  test("a rate below one per second lets one request through, then one every 1/rate seconds", async () => {
    const limits = { UserList: 0.5 };
    const call = (ms: number) => () => checkRate(store.rateLimits, limits, "ListUsers", "sa-east-1", at(ms));
    assert.deepEqual(await outcomes([call(0), call(1), call(1500), call(2000)]), ["ok", THROTTLED, THROTTLED, "ok"]);
  });

  test("challenge answers have their own quota of three times UserAuthentication, then use UserAuthentication's", async () => {
    const limits = { UserAuthentication: 1 };
    const answer = () => checkRate(store.rateLimits, limits, "RespondToAuthChallenge", "ca-central-1", T0);
    const signIn = () => checkRate(store.rateLimits, limits, "InitiateAuth", "ca-central-1", T0);
    // Three answers from their own bucket, the fourth from UserAuthentication's single token; then nothing is left.
    assert.deepEqual(await outcomes([answer, answer, answer, answer, signIn, answer]), ["ok", "ok", "ok", "ok", THROTTLED, THROTTLED]);
  });
});

describe("effectiveRateLimits", () => {
  test("secure mode: AWS defaults, overridden by the setting", () => {
    const limits = effectiveRateLimits({ UserAccountRecovery: 2 }, true);
    assert.equal(limits.UserAccountRecovery, 2);
    assert.equal(limits.UserAuthentication, 120);
    assert.equal(limits.UserPoolRead, 15);
    assert.deepEqual(effectiveRateLimits(undefined, true).UserAccountRecovery, 30);
  });

  test("dev mode: only the categories the setting names, none by default", () => {
    assert.deepEqual(effectiveRateLimits({ UserAccountRecovery: 2 }, false), { UserAccountRecovery: 2 });
    assert.deepEqual(effectiveRateLimits(undefined, false), {});
  });
});
