import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { freshPostgresDatabase, type FreshPostgresDatabase } from "../../../test/helpers/postgres.js";
import { clientsContract } from "../contract/clients.contract.js";
import { groupsContract } from "../contract/groups.contract.js";
import { outboxContract } from "../contract/outbox.contract.js";
import { storeContract } from "../contract/store.contract.js";
import { usersContract } from "../contract/users.contract.js";
import type { Store } from "../store.js";
import { openPostgresStore } from "./index.js";

// Without COGNATE_TEST_POSTGRES_URL, freshPostgresDatabase throws and every test here fails: never skipped.
describe("PostgreSQL store", () => {
  let database: FreshPostgresDatabase | undefined;
  before(async () => {
    database = await freshPostgresDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  const openTestDatabase = () => {
    if (database === undefined) throw new Error("the test database was not created");
    return openPostgresStore(database.url);
  };
  storeContract("postgres", openTestDatabase);
  clientsContract("postgres", openTestDatabase);
  usersContract("postgres", openTestDatabase);
  groupsContract("postgres", openTestDatabase);
  outboxContract("postgres", openTestDatabase);

  test("four instances starting at once on a new database all migrate it and share one clock", async () => {
    const fresh = await freshPostgresDatabase();
    const opened: Store[] = [];
    try {
      const results = await Promise.allSettled([1, 2, 3, 4].map(() => openPostgresStore(fresh.url)));
      for (const result of results) if (result.status === "fulfilled") opened.push(result.value);
      assert.deepEqual(
        results.map((result) => result.status),
        ["fulfilled", "fulfilled", "fulfilled", "fulfilled"],
      );
      // Five concurrent advances from each instance: the shared offset loses none of the 20.
      await Promise.all(opened.flatMap((store) => [1, 2, 3, 4, 5].map(() => store.settings.advanceClock(1))));
      for (const store of opened) assert.equal(await store.settings.clockOffsetSeconds(), 20);
    } finally {
      await Promise.all(opened.map((store) => store.close()));
      await fresh.drop();
    }
  });
});
