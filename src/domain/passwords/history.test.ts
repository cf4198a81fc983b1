import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import type { PasswordHistory } from "../users/types.js";
import type { Random } from "../random.js";
import type { PasswordHasher } from "./hasher.js";
import { argon2Hasher } from "./argon2.js";
import { PASSWORD_HISTORY_VIOLATION_MESSAGE } from "../../errors/catalogue.js";
import { MAX_REMEMBERED_PASSWORDS, weighAgainstHistory } from "./history.js";

/** A fast stand-in that counts digests, so the tests can see how much slow hashing a check costs. */
function countingHasher(): PasswordHasher & { digests: number } {
  const hasher = {
    digests: 0,
    hash: async () => assert.fail("history never makes PHC hashes"),
    verify: async () => assert.fail("history never verifies PHC hashes"),
    needsRehash: () => false,
    digest: async (password: string, salt: Buffer) => {
      hasher.digests++;
      return createHash("sha256").update(salt).update(password).digest("hex");
    },
  };
  return hasher;
}

let counter = 0;
const random: Random = {
  bytes: (length) => createHash("sha256").update(String(counter++)).digest().subarray(0, length),
  uuid: () => "00000000-0000-4000-8000-000000000000",
};

/** Whether setting the password now would be refused as recent. */
async function isRecentPassword(hasher: PasswordHasher, history: PasswordHistory | undefined, password: string, size: number): Promise<boolean> {
  return (await weighAgainstHistory(hasher, random, history, password, size))?.recent ?? false;
}

/** The history once the password is set. */
async function rememberPassword(
  hasher: PasswordHasher,
  random: Random,
  history: PasswordHistory | undefined,
  password: string,
  size: number,
): Promise<PasswordHistory | undefined> {
  return (await weighAgainstHistory(hasher, random, history, password, size))?.history;
}

async function historyOf(
  hasher: PasswordHasher,
  passwords: string[],
  size: number,
): Promise<PasswordHistory | undefined> {
  let history: PasswordHistory | undefined;
  for (const password of passwords) history = await rememberPassword(hasher, random, history, password, size);
  return history;
}

describe("password history", () => {
  it("words the violation as Cognito does", () => {
    assert.equal(PASSWORD_HISTORY_VIOLATION_MESSAGE, "The password has been used too recently.");
  });

  it("remembers N passwords in total, the current one included", async () => {
    const hasher = countingHasher();
    const history = await historyOf(hasher, ["p1", "p2", "p3", "p4"], 3);
    assert.equal(await isRecentPassword(hasher, history, "p4", 3), true, "current password");
    assert.equal(await isRecentPassword(hasher, history, "p3", 3), true);
    assert.equal(await isRecentPassword(hasher, history, "p2", 3), true);
    assert.equal(await isRecentPassword(hasher, history, "p1", 3), false, "fourth most recent");
    assert.equal(await isRecentPassword(hasher, history, "p5", 3), false);
  });

  it("with size 1 forbids only the current password", async () => {
    const hasher = countingHasher();
    const history = await historyOf(hasher, ["p1", "p2"], 1);
    assert.equal(await isRecentPassword(hasher, history, "p2", 1), true);
    assert.equal(await isRecentPassword(hasher, history, "p1", 1), false);
  });

  it("costs one digest per check whatever the size", async () => {
    const hasher = countingHasher();
    const passwords = Array.from({ length: 24 }, (_, i) => `p${i}`);
    const history = await historyOf(hasher, passwords, 24);
    hasher.digests = 0;
    assert.equal(await isRecentPassword(hasher, history, "p0", 24), true);
    assert.equal(await isRecentPassword(hasher, history, "never used", 24), false);
    assert.equal(hasher.digests, 2);
  });

  it("uses one salt per user, created on first use, and keeps digests newest first", async () => {
    const hasher = countingHasher();
    const first = await rememberPassword(hasher, random, undefined, "p1", 5);
    assert.ok(first);
    assert.match(first.salt, /^[0-9a-f]{32}$/);
    const second = await rememberPassword(hasher, random, first, "p2", 5);
    assert.equal(second?.salt, first.salt);
    assert.deepEqual(second?.digests, [await hasher.digest("p2", Buffer.from(first.salt, "hex")), ...first.digests]);
    const otherUser = await rememberPassword(hasher, random, undefined, "p1", 5);
    assert.notEqual(otherUser?.salt, first.salt);
    assert.notDeepEqual(otherUser?.digests, first.digests);
  });

  it("keeps up to 24 digests whatever the current size, so raising the size later takes effect", async () => {
    const hasher = countingHasher();
    const passwords = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const history = await historyOf(hasher, passwords, 2);
    assert.equal(history?.digests.length, MAX_REMEMBERED_PASSWORDS);
    assert.equal(await isRecentPassword(hasher, history, "p10", 2), false);
    assert.equal(await isRecentPassword(hasher, history, "p10", 24), true);
    assert.equal(await isRecentPassword(hasher, history, "p5", 24), false, "older than 24 passwords");
  });

  it("is off when the size is 0: nothing remembered, nothing hashed, nothing refused", async () => {
    const hasher = countingHasher();
    const history = await historyOf(hasher, ["p1"], 3);
    hasher.digests = 0;
    assert.equal(await rememberPassword(hasher, random, history, "p2", 0), undefined);
    assert.equal(await isRecentPassword(hasher, history, "p1", 0), false);
    assert.equal(hasher.digests, 0);
  });

  it("weighs a password to set with one digest: whether it is recent and the history once it is set", async () => {
    const hasher = countingHasher();
    const history = await historyOf(hasher, ["p1", "p2", "p3"], 2);
    hasher.digests = 0;
    const reused = await weighAgainstHistory(hasher, random, history, "p2", 2);
    const fresh = await weighAgainstHistory(hasher, random, history, "p1", 2);
    assert.equal(hasher.digests, 2);
    assert.equal(reused?.recent, true);
    assert.equal(fresh?.recent, false, "older than the size");
    assert.deepEqual(fresh?.history, await rememberPassword(hasher, random, history, "p1", 2));
  });

  it("weighs against nothing on the first password and salts the new history", async () => {
    const hasher = countingHasher();
    const first = await weighAgainstHistory(hasher, random, undefined, "p1", 3);
    assert.equal(first?.recent, false);
    assert.equal(first?.history.digests.length, 1);
    assert.match(first?.history.salt ?? "", /^[0-9a-f]{32}$/);
    assert.equal(hasher.digests, 1);
  });

  it("weighs nothing, at no cost, when the pool keeps no history", async () => {
    const hasher = countingHasher();
    const history = await historyOf(hasher, ["p1"], 3);
    hasher.digests = 0;
    assert.equal(await weighAgainstHistory(hasher, random, history, "p1", 0), undefined);
    assert.equal(hasher.digests, 0);
  });

  it("works with the real argon2id digest", async () => {
    const history = await historyOf(argon2Hasher, ["Passw0rd!1", "Passw0rd!2"], 2);
    assert.equal(await isRecentPassword(argon2Hasher, history, "Passw0rd!1", 2), true);
    assert.equal(await isRecentPassword(argon2Hasher, history, "Passw0rd!3", 2), false);
  });
});
