import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseDbSetting } from "./db.js";

describe("parseDbSetting", () => {
  test("reads SQLite paths, in-memory SQLite and PostgreSQL URLs", () => {
    assert.deepEqual(parseDbSetting("sqlite:./.cognate/cognate.db"), { kind: "sqlite", path: "./.cognate/cognate.db" });
    assert.deepEqual(parseDbSetting("sqlite:/var/lib/cognate.db"), { kind: "sqlite", path: "/var/lib/cognate.db" });
    assert.deepEqual(parseDbSetting("sqlite::memory:"), { kind: "sqlite", path: ":memory:" });
    assert.deepEqual(parseDbSetting("postgres://u:p@db:5432/cognate"), { kind: "postgres", url: "postgres://u:p@db:5432/cognate" });
    assert.deepEqual(parseDbSetting("postgresql://db/cognate"), { kind: "postgres", url: "postgresql://db/cognate" });
  });

  test("rejects anything else with one line that never repeats a URL's credentials", () => {
    for (const value of ["", "sqlite:", "mysql://root:hunter2@db/cognate", "./cognate.db", "bad\nvalue"]) {
      assert.throws(
        () => parseDbSetting(value),
        (error: Error) => !error.message.includes("\n") && !error.message.includes("hunter2") && error.message.includes("sqlite:<path>"),
        value,
      );
    }
  });
});
