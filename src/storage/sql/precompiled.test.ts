import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { openSqliteDatabase } from "../sqlite/index.js";
import { precompiled } from "./precompiled.js";

describe("precompiled", () => {
  test("runs the query compiled on first use with each call's own parameters", async () => {
    const db = await openSqliteDatabase(":memory:");
    try {
      await db.insertInto("settings").values([{ key: "a", value: 1 }, { key: "b", value: 2 }]).execute();
      const valueOf = precompiled((db, key: string) => db.selectFrom("settings").select("value").where("key", "=", key));
      assert.deepEqual(await valueOf(db, "sqlite", "a"), [{ value: 1 }]);
      assert.deepEqual(await valueOf(db, "sqlite", "b"), [{ value: 2 }]);
      assert.deepEqual(await valueOf(db, "sqlite", "missing"), []);
    } finally {
      await db.destroy();
    }
  });

  test("refuses a query that does not bind its parameters once each, in order", async () => {
    const db = await openSqliteDatabase(":memory:");
    try {
      const swapped = precompiled((db, first: string, second: string) =>
        db.selectFrom("settings").select("value").where("key", "=", second).where(sql<string>`${first}`, "=", "x"),
      );
      await assert.rejects(swapped(db, "sqlite", "a", "b"), /bind its parameters once each, in order/);
    } finally {
      await db.destroy();
    }
  });
});
