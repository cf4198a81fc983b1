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
      const target = { db, dialect: "sqlite" as const };
      assert.deepEqual(await valueOf(target, "a"), [{ value: 1 }]);
      assert.deepEqual(await valueOf(target, "b"), [{ value: 2 }]);
      assert.deepEqual(await valueOf(target, "missing"), []);
    } finally {
      await db.destroy();
    }
  });

  test("answers from the immediate read when it answers, and queues the query when it declines", async () => {
    const db = await openSqliteDatabase(":memory:");
    try {
      await db.insertInto("settings").values({ key: "a", value: 1 }).execute();
      const valueOf = precompiled((db, key: string) => db.selectFrom("settings").select("value").where("key", "=", key));
      const asked: unknown[][] = [];
      const answering = { db, dialect: "sqlite" as const, immediate: (_sql: string, parameters: readonly unknown[]) => (asked.push([...parameters]), [{ value: 7 }]) };
      assert.deepEqual(await valueOf(answering, "a"), [{ value: 7 }]);
      assert.deepEqual(asked, [["a"]]);
      const declining = { db, dialect: "sqlite" as const, immediate: () => undefined };
      assert.deepEqual(await valueOf(declining, "a"), [{ value: 1 }]);
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
      await assert.rejects(swapped({ db, dialect: "sqlite" }, "a", "b"), /bind its parameters once each, in order/);
    } finally {
      await db.destroy();
    }
  });
});
