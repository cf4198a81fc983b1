import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { CreateUserPoolRequest, UserStatusType } from "@aws-sdk/client-cognito-identity-provider";
import { openSqliteStore } from "../../storage/sqlite/index.js";
import type { Store } from "../ports/store.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { ADMIN_POLICY_PREFIX, USER_POLICY_PREFIX, type PolicyMessagePrefix } from "../../errors/catalogue.js";
import { newUserPool } from "../pools/userPool.js";
import type { UserPoolRecord } from "../pools/types.js";
import { cryptoRandom } from "../random.js";
import type { UserRecord } from "../users/types.js";
import { argon2Hasher } from "./argon2.js";
import type { PasswordHasher } from "./hasher.js";
import { setPassword } from "./setPassword.js";
import { computeVerifier } from "./srp.js";

/** The real argon2id hasher, counting every slow call so the tests can hold setPassword to its cost. */
function countingHasher(): PasswordHasher & { calls: { hash: number; verify: number; digest: number } } {
  const calls = { hash: 0, verify: 0, digest: 0 };
  return {
    calls,
    hash: (password) => (calls.hash++, argon2Hasher.hash(password)),
    verify: (phc, password) => (calls.verify++, argon2Hasher.verify(phc, password)),
    digest: (password, salt) => (calls.digest++, argon2Hasher.digest(password, salt)),
    needsRehash: argon2Hasher.needsRehash,
  };
}

/** A store whose transactions fail on their last step, clearing the sign-in failures. */
function failingOnClear(store: Store): Store {
  const failing = Object.create(store) as Store;
  failing.transaction = (fn) =>
    store.transaction((tx) => {
      const users = Object.create(tx.users) as Store["users"];
      users.clearSignInFailures = async () => {
        throw new Error("connection lost");
      };
      return fn(Object.assign(Object.create(tx) as Store, { users }));
    });
  return failing;
}

const STRONG = "Str0ng!Password";
const CREATED = new Date("2026-01-10T08:00:00.000Z");
const NOW = new Date("2026-02-01T12:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

const PASSWORD_STATES: readonly { status: UserStatusType; hasPassword: boolean }[] = [
  { status: "UNCONFIRMED", hasPassword: true },
  { status: "CONFIRMED", hasPassword: true },
  { status: "FORCE_CHANGE_PASSWORD", hasPassword: true },
  { status: "RESET_REQUIRED", hasPassword: true },
  { status: "EXTERNAL_PROVIDER", hasPassword: false },
  { status: "CONFIRMED", hasPassword: false },
];

describe("setPassword", () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore(":memory:");
  });
  after(() => store.close());

  async function pool(settings: Partial<CreateUserPoolRequest> = {}): Promise<UserPoolRecord> {
    const record = newUserPool({ PoolName: "passwords", ...settings }, { id: `us-east-1_${randomUUID().slice(0, 8)}`, region: "us-east-1", now: CREATED });
    await store.pools.create(record);
    return record;
  }

  /** A user written straight to the store, in any status (federated and password-less users included). */
  async function user(poolRecord: UserPoolRecord, overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
    const sub = randomUUID();
    const username = `user-${sub.slice(0, 8)}`;
    const record: UserRecord = {
      poolId: poolRecord.id,
      username,
      usernameKey: username,
      sub,
      status: "CONFIRMED",
      enabled: true,
      attributes: { sub, email: `${username}@example.com` },
      aliases: {},
      createdAt: CREATED,
      lastModifiedAt: CREATED,
      ...overrides,
    };
    await store.users.create(record);
    return record;
  }

  async function stored(record: UserRecord): Promise<UserRecord> {
    const found = await store.users.getByUsernameKey(record.poolId, record.usernameKey);
    assert.ok(found !== undefined);
    return found;
  }

  /** A user with a password set through setPassword itself, so its secrets are real. */
  async function userWithPassword(poolRecord: UserPoolRecord, status: UserStatusType, password = "Old!Passw0rd"): Promise<UserRecord> {
    const created = await user(poolRecord);
    const withPassword = await setPassword(
      { store, hasher: argon2Hasher, random: cryptoRandom },
      { pool: poolRecord, user: created, password, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: CREATED },
    );
    assert.ok(await store.users.update({ ...withPassword, status }));
    return stored(withPassword);
  }

  async function rejected(promise: Promise<unknown>, type: string, message: string): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof CognitoError);
      assert.equal(error.type, type);
      assert.equal(error.message, message);
      return true;
    });
  }

  describe("moves every status to CONFIRMED (permanent) or FORCE_CHANGE_PASSWORD (temporary)", () => {
    for (const { status, hasPassword } of PASSWORD_STATES) {
      for (const permanent of [true, false]) {
        const expected: UserStatusType = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
        const label = `${status}${hasPassword ? "" : " without a password"} → ${expected}`;
        it(label, async () => {
          const poolRecord = await pool();
          const before = hasPassword ? await userWithPassword(poolRecord, status) : await user(poolRecord, { status });
          const result = await setPassword(
            { store, hasher: argon2Hasher, random: cryptoRandom },
            { pool: poolRecord, user: before, password: STRONG, permanent, prefix: ADMIN_POLICY_PREFIX, now: NOW },
          );
          const after = await stored(before);
          assert.deepEqual(result, after, "the returned record is the one written");
          assert.equal(after.status, expected);
          assert.equal(after.enabled, true);
          assert.deepEqual(after.attributes, before.attributes);
          assert.equal(after.lastModifiedAt.toISOString(), NOW.toISOString());
          assert.equal(after.createdAt.toISOString(), CREATED.toISOString());
          const password = after.password;
          assert.ok(password !== undefined);
          assert.equal(await argon2Hasher.verify(password.hash, STRONG), true);
          assert.equal(password.srpVerifier, computeVerifier(poolRecord.id, before.username, STRONG, Buffer.from(password.srpSalt, "hex")));
          assert.equal(password.temporary, !permanent);
          assert.equal(password.setAt.toISOString(), NOW.toISOString());
          assert.equal(password.expiresAt?.toISOString(), permanent ? undefined : new Date(NOW.getTime() + 7 * DAY_MS).toISOString());
        });
      }
    }
  });

  it("leaves a disabled user disabled", async () => {
    const poolRecord = await pool();
    const disabled = await user(poolRecord, { enabled: false });
    const result = await setPassword(
      { store, hasher: argon2Hasher, random: cryptoRandom },
      { pool: poolRecord, user: disabled, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.equal(result.enabled, false);
    assert.equal((await stored(disabled)).enabled, false);
    assert.equal((await stored(disabled)).status, "CONFIRMED");
  });

  it("expires a temporary password after the pool's TemporaryPasswordValidityDays", async () => {
    const poolRecord = await pool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 3 } } });
    const result = await setPassword(
      { store, hasher: argon2Hasher, random: cryptoRandom },
      { pool: poolRecord, user: await user(poolRecord), password: STRONG, permanent: false, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.equal(result.password?.expiresAt?.toISOString(), "2026-02-04T12:00:00.000Z");
  });

  it("costs one argon2id hash and nothing else slow without a history, and one history digest more with one", async () => {
    const withoutHistory = await pool();
    const hasher = countingHasher();
    const confirmed = await userWithPassword(withoutHistory, "CONFIRMED");
    await setPassword(
      { store, hasher, random: cryptoRandom },
      { pool: withoutHistory, user: confirmed, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.deepEqual(hasher.calls, { hash: 1, verify: 0, digest: 0 });

    const withHistory = await pool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 5 } } });
    const remembered = await userWithPassword(withHistory, "CONFIRMED");
    hasher.calls.hash = 0;
    await setPassword(
      { store, hasher, random: cryptoRandom },
      { pool: withHistory, user: remembered, password: STRONG, permanent: false, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.deepEqual(hasher.calls, { hash: 1, verify: 0, digest: 1 });
  });

  it("refuses a password outside the policy with the caller's prefix, hashing and writing nothing", async () => {
    const poolRecord = await pool();
    const before = await userWithPassword(poolRecord, "FORCE_CHANGE_PASSWORD");
    const hasher = countingHasher();
    const deps = { store, hasher, random: cryptoRandom };
    const attempt = (password: string, prefix: PolicyMessagePrefix = ADMIN_POLICY_PREFIX) =>
      setPassword(deps, { pool: poolRecord, user: before, password, permanent: true, prefix, now: NOW });
    await rejected(attempt("Sh0rt!"), "InvalidPasswordException", "Password did not conform with policy: Password not long enough");
    await rejected(attempt("sh0rt!sh0rt"), "InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters");
    await rejected(attempt("SH0RT!SH0RT"), "InvalidPasswordException", "Password did not conform with policy: Password must have lowercase characters");
    await rejected(attempt("Short!Short"), "InvalidPasswordException", "Password did not conform with policy: Password must have numeric characters");
    await rejected(attempt("Sh0rtSh0rt"), "InvalidPasswordException", "Password did not conform with policy: Password must have symbol characters");
    await rejected(attempt("Sh0rt!", USER_POLICY_PREFIX), "InvalidPasswordException", "Password does not conform to policy: Password not long enough");
    assert.deepEqual(hasher.calls, { hash: 0, verify: 0, digest: 0 });
    assert.deepEqual(await stored(before), before);
  });

  it("follows the pool's own policy", async () => {
    const poolRecord = await pool({
      Policies: { PasswordPolicy: { MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false } },
    });
    const result = await setPassword(
      { store, hasher: argon2Hasher, random: cryptoRandom },
      { pool: poolRecord, user: await user(poolRecord), password: "simple", permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.equal(result.status, "CONFIRMED");
  });

  it("refuses the current password and the previous N−1, temporary ones included, and allows the Nth-oldest", async () => {
    const poolRecord = await pool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 3 } } });
    const deps = { store, hasher: argon2Hasher, random: cryptoRandom };
    let current = await user(poolRecord);
    const set = async (password: string, permanent: boolean) => {
      current = await setPassword(deps, { pool: poolRecord, user: current, password, permanent, prefix: ADMIN_POLICY_PREFIX, now: NOW });
    };
    await set("First!Pass1", true);
    await set("Second!Pass2", false);
    await set("Third!Pass3", true);
    await set("Fourth!Pass4", false);
    const beforeRefusals = await stored(current);
    for (const reused of ["Fourth!Pass4", "Third!Pass3", "Second!Pass2"]) {
      for (const permanent of [true, false]) {
        await rejected(
          setPassword(deps, { pool: poolRecord, user: current, password: reused, permanent, prefix: ADMIN_POLICY_PREFIX, now: NOW }),
          "PasswordHistoryPolicyViolationException",
          "The password has been used too recently.",
        );
      }
    }
    assert.deepEqual(await stored(current), beforeRefusals, "a refused password leaves the user as it was");
    await set("First!Pass1", true);
    assert.equal(current.status, "CONFIRMED");
    assert.equal(await argon2Hasher.verify(current.password!.hash, "First!Pass1"), true);
  });

  it("remembers nothing when the pool keeps no history", async () => {
    const poolRecord = await pool();
    const deps = { store, hasher: argon2Hasher, random: cryptoRandom };
    const first = await setPassword(deps, { pool: poolRecord, user: await user(poolRecord), password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW });
    assert.equal(first.passwordHistory, undefined);
    assert.equal("passwordHistory" in first, false);
    const again = await setPassword(deps, { pool: poolRecord, user: first, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW });
    assert.equal(again.status, "CONFIRMED");
  });

  it("forgets the history once the pool stops keeping one", async () => {
    const poolRecord = await pool({ UserPoolTier: "ESSENTIALS", Policies: { PasswordPolicy: { PasswordHistorySize: 2 } } });
    const deps = { store, hasher: argon2Hasher, random: cryptoRandom };
    const remembered = await setPassword(deps, { pool: poolRecord, user: await user(poolRecord), password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW });
    assert.equal(remembered.passwordHistory?.digests.length, 1);
    const withoutHistory: UserPoolRecord = { ...poolRecord, config: { ...poolRecord.config, Policies: { PasswordPolicy: { PasswordHistorySize: 0 } } } };
    const result = await setPassword(deps, { pool: withoutHistory, user: remembered, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW });
    assert.equal((await stored(result)).passwordHistory, undefined);
  });

  it("clears the failed sign-in count, and leaves it when the password is refused", async () => {
    const poolRecord = await pool();
    const locked = await userWithPassword(poolRecord, "CONFIRMED");
    for (let i = 0; i < 6; i++) await store.users.recordSignInFailure(poolRecord.id, locked.username, NOW, CREATED);
    await assert.rejects(
      setPassword(
        { store, hasher: argon2Hasher, random: cryptoRandom },
        { pool: poolRecord, user: locked, password: "weak", permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
      ),
    );
    assert.equal((await store.users.signInFailures(poolRecord.id, locked.username))?.count, 6);
    await setPassword(
      { store, hasher: argon2Hasher, random: cryptoRandom },
      { pool: poolRecord, user: locked, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
    );
    assert.equal(await store.users.signInFailures(poolRecord.id, locked.username), undefined);
  });

  it("writes the user and clears the sign-in failures in one transaction", async () => {
    const poolRecord = await pool();
    const before = await userWithPassword(poolRecord, "FORCE_CHANGE_PASSWORD");
    await store.users.recordSignInFailure(poolRecord.id, before.username, NOW, CREATED);
    await assert.rejects(
      setPassword(
        { store: failingOnClear(store), hasher: argon2Hasher, random: cryptoRandom },
        { pool: poolRecord, user: before, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
      ),
      /connection lost/,
    );
    assert.deepEqual(await stored(before), before);
    assert.equal((await store.users.signInFailures(poolRecord.id, before.username))?.count, 1);
  });

  it("is UserNotFoundException when the user was deleted after being read, and creates nobody", async () => {
    const poolRecord = await pool();
    const gone = await user(poolRecord);
    assert.ok(await store.users.delete(poolRecord.id, gone.username));
    await rejected(
      setPassword(
        { store, hasher: argon2Hasher, random: cryptoRandom },
        { pool: poolRecord, user: gone, password: STRONG, permanent: true, prefix: ADMIN_POLICY_PREFIX, now: NOW },
      ),
      "UserNotFoundException",
      "User does not exist.",
    );
    assert.equal(await store.users.getByUsernameKey(poolRecord.id, gone.usernameKey), undefined);
  });
});
