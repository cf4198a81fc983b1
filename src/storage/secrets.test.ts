import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { StorageSecretError } from "../domain/ports/errors.js";
import { masterKeyId, sealedKeyId, secretCipher } from "./secrets.js";

const key = randomBytes(32);
const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);

describe("secretCipher", () => {
  test("the key id is the first 8 hex digits of the key's SHA-256", () => {
    assert.equal(masterKeyId(key), keyId);
    assert.equal(secretCipher(key).keyId, keyId);
  });

  test("a sealed value names its key id, holds a 12-byte IV and the ciphertext with its 16-byte tag, and opens again", () => {
    const cipher = secretCipher(key);
    const plaintext = "-----BEGIN PRIVATE KEY-----\nünïcödé ✓\n";
    const sealed = cipher.seal(plaintext);
    const [marker, version, id, iv, data, ...rest] = sealed.split(":");
    assert.deepEqual([marker, version, id, rest], ["enc", "v1", keyId, []]);
    assert.equal(Buffer.from(iv ?? "", "base64").length, 12);
    assert.equal(Buffer.from(data ?? "", "base64").length, Buffer.byteLength(plaintext) + 16);
    assert.equal(sealedKeyId(sealed), keyId);
    assert.equal(cipher.open(sealed), plaintext);
    assert.equal(cipher.open(cipher.seal("")), "");
  });

  test("sealing the same value twice gives different values (a fresh IV each time)", () => {
    const cipher = secretCipher(key);
    assert.notEqual(cipher.seal("secret"), cipher.seal("secret"));
  });

  test("values that are not sealed read as they are, with or without a key", () => {
    for (const cipher of [secretCipher(key), secretCipher()]) assert.equal(cipher.open("cafe01"), "cafe01");
    assert.equal(sealedKeyId("cafe01"), undefined);
  });

  test("without a key, values are stored as plaintext", () => {
    const cipher = secretCipher();
    assert.equal(cipher.keyId, undefined);
    assert.equal(cipher.seal("secret"), "secret");
  });

  test("a value relabelled with another key id does not open, even under that key", () => {
    const other = randomBytes(32);
    const sealed = secretCipher(key).seal("secret");
    const relabelled = sealed.replace(`:${keyId}:`, `:${masterKeyId(other)}:`);
    assert.throws(() => secretCipher(other).open(relabelled), {
      name: "StorageSecretError",
      message: `a stored secret encrypted with master key ${masterKeyId(other)} failed authentication: it was altered or corrupted`,
    });
  });

  test("malformed sealed values fail with StorageSecretError, never a raw crypto error", () => {
    const cipher = secretCipher(key);
    const sealed = cipher.seal("secret");
    const [, , , iv, data] = sealed.split(":");
    for (const malformed of [
      "enc:",
      "enc:v2:" + sealed.slice("enc:v1:".length),
      `enc:v1:XYZ:${iv}:${data}`,
      `enc:v1:${keyId}:${iv}`,
      `enc:v1:${keyId}:${iv}:${data}:extra`,
      `enc:v1:${keyId}:${randomBytes(8).toString("base64")}:${data}`,
      `enc:v1:${keyId}:${iv}:${randomBytes(15).toString("base64")}`,
      `enc:v1:${keyId}:${iv}:not base64!`,
    ]) {
      assert.throws(() => cipher.open(malformed), StorageSecretError, malformed);
    }
  });

  test("a key that is not 32 bytes is refused", () => {
    assert.throws(() => secretCipher(randomBytes(16)), RangeError);
  });
});
