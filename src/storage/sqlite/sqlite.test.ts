import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import type { UserPoolRecord } from "../../domain/pools/types.js";
import { clientsContract } from "../contract/clients.contract.js";
import { groupsContract } from "../contract/groups.contract.js";
import { keysContract } from "../contract/keys.contract.js";
import { outboxContract } from "../contract/outbox.contract.js";
import { refreshTokensContract } from "../contract/refreshTokens.contract.js";
import { sessionsContract } from "../contract/sessions.contract.js";
import { signInFailuresContract } from "../contract/signInFailures.contract.js";
import { storeContract } from "../contract/store.contract.js";
import { usersContract } from "../contract/users.contract.js";
import { openSqliteStore } from "./index.js";

const openInMemory = () => openSqliteStore(":memory:");
storeContract("sqlite in memory", openInMemory);
clientsContract("sqlite in memory", openInMemory);
usersContract("sqlite in memory", openInMemory);
groupsContract("sqlite in memory", openInMemory);
outboxContract("sqlite in memory", openInMemory);
signInFailuresContract("sqlite in memory", openInMemory);
sessionsContract("sqlite in memory", openInMemory);
keysContract("sqlite in memory", openInMemory);
refreshTokensContract("sqlite in memory", openInMemory);

describe("SQLite store on a file", () => {
  test("creates the directory, uses WAL, and keeps data across close and reopen", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cognate-sqlite-"));
    try {
      const path = join(dir, "nested", "cognate.db");
      const pool: UserPoolRecord = {
        id: "us-east-1_persisted",
        region: "us-east-1",
        name: "persisted",
        createdAt: new Date("2024-01-02T03:04:05.678Z"),
        lastModifiedAt: new Date("2024-01-02T03:04:05.679Z"),
        config: { MfaConfiguration: "OFF" },
      };

      const first = await openSqliteStore(path);
      await first.pools.create(pool);
      await first.settings.advanceClock(42);
      await first.close();

      const reopened = await openSqliteStore(path);
      try {
        assert.deepEqual(await reopened.pools.get(pool.id), pool);
        assert.equal(await reopened.settings.clockOffsetSeconds(), 42);
      } finally {
        await reopened.close();
      }

      const raw = new BetterSqlite3(path, { readonly: true });
      try {
        assert.equal(raw.pragma("journal_mode", { simple: true }), "wal");
      } finally {
        raw.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
