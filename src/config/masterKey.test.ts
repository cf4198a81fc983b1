import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { parseMasterKey } from "./masterKey.js";

const key = randomBytes(32);

describe("parseMasterKey", () => {
  test("reads 32 bytes of base64, surrounding whitespace ignored", () => {
    assert.deepEqual(parseMasterKey(` ${key.toString("base64")}\n`), key);
  });

  test("refuses other lengths and non-base64 text without repeating the value", () => {
    for (const value of [randomBytes(16).toString("base64"), randomBytes(33).toString("base64"), "not-base64-at-all!", ""]) {
      assert.throws(
        () => parseMasterKey(value),
        (error: Error) =>
          error.message.startsWith("the master key must be 32 random bytes, base64-encoded") && (value === "" || !error.message.includes(value)),
        value,
      );
    }
  });
});
