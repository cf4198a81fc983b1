import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Random } from "../random.js";
import { argon2Hasher } from "./argon2.js";
import { passwordSecrets } from "./secrets.js";
import { computeVerifier } from "./srp.js";

const SALT = Buffer.from("00112233445566778899aabbccddeeff", "hex");
const fixedRandom: Random = {
  bytes: (length) => Buffer.concat([SALT, SALT, SALT]).subarray(0, length),
  uuid: () => "00000000-0000-4000-8000-000000000000",
};
const deps = { hasher: argon2Hasher, random: fixedRandom };
const now = new Date("2026-03-01T12:00:00.000Z");
const base = { poolId: "us-east-1_AbCd12345", username: "alice", password: "Passw0rd!", now };

describe("passwordSecrets", () => {
  it("hashes the password with argon2id so it verifies, and never stores it", async () => {
    const secrets = await passwordSecrets(deps, { ...base, temporary: false });
    assert.match(secrets.hash, /^\$argon2id\$/);
    assert.equal(await argon2Hasher.verify(secrets.hash, "Passw0rd!"), true);
    assert.ok(!JSON.stringify(secrets).includes("Passw0rd!"));
  });

  it("draws a 16-byte SRP salt from the injected randomness and stores its verifier", async () => {
    const secrets = await passwordSecrets(deps, { ...base, temporary: false });
    assert.equal(secrets.srpSalt, SALT.toString("hex"));
    assert.equal(secrets.srpVerifier, computeVerifier(base.poolId, "alice", "Passw0rd!", SALT));
    assert.match(secrets.srpVerifier, /^[0-9a-f]+$/);
  });

  it("binds the verifier to the pool and the internal username", async () => {
    const alice = await passwordSecrets(deps, { ...base, temporary: false });
    const bob = await passwordSecrets(deps, { ...base, username: "bob", temporary: false });
    const otherPool = await passwordSecrets(deps, { ...base, poolId: "us-east-1_Other1234", temporary: false });
    assert.notEqual(alice.srpVerifier, bob.srpVerifier);
    assert.notEqual(alice.srpVerifier, otherPool.srpVerifier);
  });

  it("records a permanent password as set now, without expiry", async () => {
    const secrets = await passwordSecrets(deps, { ...base, temporary: false, temporaryValidityDays: 3 });
    assert.equal(secrets.temporary, false);
    assert.equal(secrets.setAt.toISOString(), now.toISOString());
    assert.equal("expiresAt" in secrets, false);
  });

  it("expires a temporary password after the pool's validity days", async () => {
    const secrets = await passwordSecrets(deps, { ...base, temporary: true, temporaryValidityDays: 3 });
    assert.equal(secrets.temporary, true);
    assert.equal(secrets.expiresAt?.toISOString(), "2026-03-04T12:00:00.000Z");
  });

  it("expires a temporary password after 7 days when the validity is unset or 0", async () => {
    const unset = await passwordSecrets(deps, { ...base, temporary: true });
    const zero = await passwordSecrets(deps, { ...base, temporary: true, temporaryValidityDays: 0 });
    assert.equal(unset.expiresAt?.toISOString(), "2026-03-08T12:00:00.000Z");
    assert.equal(zero.expiresAt?.toISOString(), "2026-03-08T12:00:00.000Z");
  });
});
