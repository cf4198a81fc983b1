import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { serializeOutput } from "./response.js";

describe("serializeOutput", () => {
  test("writes dates as epoch seconds at any depth, in objects and arrays, and leaves everything else as JSON does", () => {
    const created = new Date("2026-01-02T03:04:05.678Z");
    const output = {
      UserCreateDate: created,
      Users: [{ Username: "ana", UserLastModifiedDate: created, Attributes: [{ Name: "sub", Value: "x" }] }],
      Enabled: true,
      Count: 0,
      Missing: undefined,
      Nothing: null,
      Nested: { When: [created, created] },
    };
    assert.deepEqual(JSON.parse(serializeOutput(output)), {
      UserCreateDate: 1767323045.678,
      Users: [{ Username: "ana", UserLastModifiedDate: 1767323045.678, Attributes: [{ Name: "sub", Value: "x" }] }],
      Enabled: true,
      Count: 0,
      Nothing: null,
      Nested: { When: [1767323045.678, 1767323045.678] },
    });
  });

  test("an operation without output answers an empty object", () => {
    assert.equal(serializeOutput(undefined), "{}");
  });
});
