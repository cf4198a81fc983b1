import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { hash as argon2Hash } from "@node-rs/argon2";
import { argon2Hasher, argon2idHasher, needsRehash } from "./argon2.js";

describe("argon2Hasher", () => {
  it("hashes to an argon2id PHC string with m=19456 KiB, t=2, p=1", async () => {
    const phc = await argon2Hasher.hash("Correct horse 1!");
    assert.match(phc, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  });

  it("salts every hash afresh", async () => {
    assert.notEqual(await argon2Hasher.hash("same password"), await argon2Hasher.hash("same password"));
  });

  it("verifies the right password and rejects others", async () => {
    const phc = await argon2Hasher.hash("Correct horse 1!");
    assert.equal(await argon2Hasher.verify(phc, "Correct horse 1!"), true);
    assert.equal(await argon2Hasher.verify(phc, "Correct horse 1?"), false);
    assert.equal(await argon2Hasher.verify(phc, "correct horse 1!"), false);
  });

  it("verifies non-ASCII passwords by their UTF-8 bytes", async () => {
    const phc = await argon2Hasher.hash("Pässwörd1!");
    assert.equal(await argon2Hasher.verify(phc, "Pässwörd1!"), true);
    assert.equal(await argon2Hasher.verify(phc, "Passwerd1!"), false);
  });

  it("digests deterministically under one salt, differently under another", async () => {
    const salt = Buffer.alloc(16, 7);
    const first = await argon2Hasher.digest("Password1!", salt);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(await argon2Hasher.digest("Password1!", salt), first);
    assert.notEqual(await argon2Hasher.digest("Password2!", salt), first);
    assert.notEqual(await argon2Hasher.digest("Password1!", Buffer.alloc(16, 8)), first);
  });

  it("digest is the raw argon2id hash whose PHC form carries the same bytes", async () => {
    const salt = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
    const digest = await argon2Hasher.digest("Password1!", salt);
    const phc = await argon2Hash("Password1!", { memoryCost: 19456, timeCost: 2, parallelism: 1, salt });
    const encoded = phc.split("$").at(-1) ?? "";
    assert.equal(Buffer.from(encoded, "base64").toString("hex"), digest);
  });
});

describe("needsRehash", () => {
  it("is false for a hash made with the current parameters", async () => {
    assert.equal(needsRehash(await argon2Hasher.hash("Password1!")), false);
    assert.equal(argon2Hasher.needsRehash(await argon2Hasher.hash("Password1!")), false);
  });

  it("is true when memory, passes, lanes, output length or algorithm differ", async () => {
    for (const options of [
      { memoryCost: 8192, timeCost: 2, parallelism: 1 },
      { memoryCost: 19456, timeCost: 3, parallelism: 1 },
      { memoryCost: 19456, timeCost: 2, parallelism: 2 },
      { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 16 },
      { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 1 },
    ]) {
      assert.equal(needsRehash(await argon2Hash("Password1!", options)), true, JSON.stringify(options));
    }
  });

  it("is true for a string that is not an argon2 PHC string", () => {
    assert.equal(needsRehash("$2b$10$abcdefghijklmnopqrstuv"), true);
    assert.equal(needsRehash(""), true);
  });
});

describe("argon2idHasher with a configured cost", () => {
  it("makes hashes of that cost, wants the others re-hashed, and verifies hashes of any cost", async () => {
    const cheaper = argon2idHasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 });
    const phc = await cheaper.hash("Password1!");
    assert.match(phc, /^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
    assert.equal(cheaper.needsRehash(phc), false);
    assert.equal(argon2Hasher.needsRehash(phc), true);
    const baseline = await argon2Hasher.hash("Password1!");
    assert.equal(cheaper.needsRehash(baseline), true);
    assert.equal(await cheaper.verify(baseline, "Password1!"), true);
    assert.equal(await argon2Hasher.verify(phc, "Password1!"), true);
  });
});
