import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { ClientRecord } from "../../domain/clients/types.js";
import type { GroupRecord } from "../../domain/groups/types.js";
import type { OutboxMessage } from "../../domain/messages/types.js";
import type { UserPoolRecord } from "../../domain/pools/types.js";
import { StorageConflictError, StorageInvalidCursorError } from "../../domain/ports/errors.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, sampleUser } from "./fixtures.js";

/**
 * The behaviour every Store implementation must have. `open` returns a store on the backend's test database:
 * PostgreSQL hands out the same database on every call, so each test works in a region and on pool ids of
 * its own and never assumes an empty database. The clock offset is one value per database: only the first
 * test reads it absolutely, later tests compare against the value they found (node:test runs them in order).
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  }

  describe(`Store contract: ${name}`, () => {
    test("the clock offset of a new database is 0", () =>
      withStore(async (store) => {
        assert.equal(await store.settings.clockOffsetSeconds(), 0);
      }));

    test("a created pool reads back with every field unchanged, dates exact to the millisecond", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        await store.pools.create(pool);
        assert.deepEqual(await store.pools.get(pool.id), pool);
      }));

    test("getting an unknown pool id returns undefined", () =>
      withStore(async (store) => {
        assert.equal(await store.pools.get(`${uniqueRegion()}_missing`), undefined);
        // No pool id holds U+0000, which PostgreSQL cannot even compare (a path like /%00/.well-known/… asks).
        assert.equal(await store.pools.get(`${uniqueRegion()}_nul\0`), undefined);
      }));

    test("creating a pool with an existing id throws StorageConflictError and keeps the first", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        await store.pools.create(pool);
        await assert.rejects(store.pools.create({ ...pool, name: "second" }), StorageConflictError);
        assert.equal((await store.pools.get(pool.id))?.name, pool.name);
      }));

    test("update replaces name, lastModifiedAt and config but not region or createdAt", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        await store.pools.create(pool);
        const changed: UserPoolRecord = {
          ...pool,
          region: "elsewhere-1",
          name: "renamed",
          createdAt: new Date("2030-01-01T00:00:00.001Z"),
          lastModifiedAt: new Date("2025-02-03T04:05:06.007Z"),
          config: { MfaConfiguration: "ON", UserPoolTags: { team: "b" } },
        };
        assert.equal(await store.pools.update(changed), true);
        assert.deepEqual(await store.pools.get(pool.id), {
          ...changed,
          region: pool.region,
          createdAt: pool.createdAt,
        });
      }));

    test("updating or deleting a missing pool returns false", () =>
      withStore(async (store) => {
        const missing = samplePool(uniqueRegion());
        assert.equal(await store.pools.update(missing), false);
        assert.equal(await store.pools.delete(missing.id), false);
        assert.equal(await store.pools.get(missing.id), undefined);
      }));

    test("deleting a pool returns true and removes it", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        await store.pools.create(pool);
        assert.equal(await store.pools.delete(pool.id), true);
        assert.equal(await store.pools.get(pool.id), undefined);
      }));

    test("deleting a pool removes its clients, users, groups, memberships and messages, and nothing of other pools", () =>
      withStore(async (store) => {
        const filled = await fillPool(store, samplePool(uniqueRegion()));
        const neighbour = await fillPool(store, samplePool(uniqueRegion()));
        assert.equal(await store.pools.delete(filled.pool.id), true);

        assert.equal(await store.clients.findById(filled.client.clientId), undefined);
        assert.equal(await store.users.count(filled.pool.id), 0);
        assert.equal(await store.groups.get(filled.pool.id, filled.group.name), undefined);
        assert.deepEqual(await store.outbox.list({ poolId: filled.pool.id, limit: 10 }), []);
        // The same pool, user and group made again share no membership: the old one went with the pool.
        await store.pools.create(filled.pool);
        await store.users.create(filled.user);
        await store.groups.create(filled.group);
        assert.deepEqual(await store.groups.allForUser(filled.pool.id, filled.user.username), []);

        assert.deepEqual(await store.clients.findById(neighbour.client.clientId), neighbour.client);
        assert.deepEqual(await store.users.getBySub(neighbour.pool.id, neighbour.user.sub), neighbour.user);
        assert.deepEqual(await store.groups.allForUser(neighbour.pool.id, neighbour.user.username), [neighbour.group]);
        assert.deepEqual(await store.outbox.list({ poolId: neighbour.pool.id, limit: 10 }), [neighbour.message]);
      }));

    test("list pages through one region in creation order while pools are added and deleted", () =>
      withStore(async (store) => {
        const region = uniqueRegion();
        // Descending names and dates: the order must come from creation, not from either field.
        const pools = [1, 2, 3, 4, 5].map((n) =>
          samplePool(region, { name: `pool-${6 - n}`, createdAt: new Date(Date.UTC(2024, 0, 10 - n)) }),
        );
        for (const pool of pools) await store.pools.create(pool);
        await store.pools.create(samplePool(uniqueRegion()));
        const [p1, p2, p3, p4, p5] = pools.map((pool) => pool.id);

        const first = await store.pools.list(region, { limit: 2 });
        assert.deepEqual(ids(first.items), [p1, p2]);
        assert.equal(typeof first.nextAfter, "string");

        // Between pages: the pool under the cursor and one not yet seen go, a new one comes.
        await store.pools.delete(p2!);
        await store.pools.delete(p4!);
        const late = samplePool(region);
        await store.pools.create(late);

        const second = await store.pools.list(region, { limit: 2, after: first.nextAfter });
        assert.deepEqual(ids(second.items), [p3, p5]);
        assert.equal(typeof second.nextAfter, "string");
        const third = await store.pools.list(region, { limit: 2, after: second.nextAfter });
        assert.deepEqual(ids(third.items), [late.id]);
        assert.equal(third.nextAfter, undefined);
      }));

    test("list returns full records and no cursor when the page ends exactly at the last pool", () =>
      withStore(async (store) => {
        const region = uniqueRegion();
        const pools = [samplePool(region), samplePool(region)];
        for (const pool of pools) await store.pools.create(pool);
        assert.deepEqual(await store.pools.list(region, { limit: 2 }), { items: pools });
        assert.deepEqual(await store.pools.list(uniqueRegion(), { limit: 2 }), { items: [] });
      }));

    test("list rejects a cursor it never returned", () =>
      withStore(async (store) => {
        for (const after of ["", "abc", "-1", "1.5", "99999999999999999999"]) {
          await assert.rejects(store.pools.list(uniqueRegion(), { limit: 2, after }), StorageInvalidCursorError);
        }
      }));

    test("advanceClock adds to the offset and returns the new value", () =>
      withStore(async (store) => {
        const start = await store.settings.clockOffsetSeconds();
        assert.equal(await store.settings.advanceClock(60), start + 60);
        assert.equal(await store.settings.advanceClock(3540), start + 3600);
        assert.equal(await store.settings.clockOffsetSeconds(), start + 3600);
      }));

    test("20 concurrent advanceClock calls lose no increment", () =>
      withStore(async (store) => {
        const start = await store.settings.clockOffsetSeconds();
        const steps = Array.from({ length: 20 }, (_, i) => i + 1);
        const results = await Promise.all(steps.map((seconds) => store.settings.advanceClock(seconds)));
        const total = steps.reduce((sum, seconds) => sum + seconds, 0);
        assert.equal(await store.settings.clockOffsetSeconds(), start + total);
        // Each call saw a distinct intermediate value, the last of them the final sum.
        assert.equal(new Set(results).size, steps.length);
        assert.equal(Math.max(...results), start + total);
      }));

    test("a transaction commits its writes when fn resolves, and returns fn's value", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        const result = await store.transaction(async (tx) => {
          await tx.pools.create(pool);
          assert.deepEqual(await tx.pools.get(pool.id), pool, "a transaction reads its own writes");
          return "done";
        });
        assert.equal(result, "done");
        assert.deepEqual(await store.pools.get(pool.id), pool);
      }));

    test("a transaction rolls back every write and rethrows when fn throws", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        const offset = await store.settings.clockOffsetSeconds();
        const failure = new Error("abandon");
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.pools.create(pool);
            await tx.settings.advanceClock(99);
            throw failure;
          }),
          (error) => error === failure,
        );
        assert.equal(await store.pools.get(pool.id), undefined);
        assert.equal(await store.settings.clockOffsetSeconds(), offset);
      }));

    test("what a rolled-back transaction read of its own writes is never read afterwards", () =>
      withStore(async (store) => {
        const pool = samplePool(uniqueRegion());
        await store.pools.create(pool);
        const offset = await store.settings.clockOffsetSeconds();
        assert.deepEqual(await store.pools.get(pool.id), pool);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.pools.update({ ...pool, name: "renamed" });
            await tx.settings.advanceClock(30);
            assert.equal((await tx.pools.get(pool.id))?.name, "renamed");
            assert.equal(await tx.settings.clockOffsetSeconds(), offset + 30);
            throw new Error("abandon");
          }),
        );
        assert.deepEqual(await store.pools.get(pool.id), pool);
        assert.equal(await store.settings.clockOffsetSeconds(), offset);
      }));

    test("a user read outside a transaction while it is open never sees the transaction's rolled-back writes", () =>
      withStore(async (store) => {
        const poolId = await createPool(store);
        const user = sampleUser(poolId, { username: "phantom", usernameKey: "phantom" });
        let outside: Promise<unknown> | undefined;
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.create(user);
            outside = store.users.getByUsernameKey(poolId, "phantom");
            await new Promise((resolve) => setImmediate(resolve));
            throw new Error("abandon");
          }),
        );
        assert.equal(await outside, undefined);
        assert.equal(await store.users.getByUsernameKey(poolId, "phantom"), undefined);
      }));

    test("a nested transaction joins the outer one and rolls back with it", () =>
      withStore(async (store) => {
        const inner = samplePool(uniqueRegion());
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.transaction(async (nested) => {
              assert.equal(nested, tx);
              await nested.pools.create(inner);
            });
            assert.deepEqual(await tx.pools.get(inner.id), inner);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.equal(await store.pools.get(inner.id), undefined);
      }));

    test("ping resolves and the store reports its dialect", () =>
      withStore(async (store) => {
        await store.ping();
        assert.ok(store.dialect === "sqlite" || store.dialect === "postgres");
      }));

    test("opening a second store runs migrations idempotently and both work", () =>
      withStore(async (first) => {
        await withStore(async (second) => {
          const pool = samplePool(uniqueRegion());
          await second.pools.create(pool);
          assert.deepEqual(await second.pools.get(pool.id), pool);
          await first.ping();
        });
      }));
  });
}

/** Creates the pool with one client, one user in one group, and one message. */
async function fillPool(store: Store, pool: UserPoolRecord) {
  const at = new Date("2024-05-06T07:08:09.123Z");
  const client: ClientRecord = { poolId: pool.id, clientId: randomBytes(13).toString("hex"), name: "c", secrets: [], createdAt: at, lastModifiedAt: at, config: {} };
  const user = sampleUser(pool.id);
  const group: GroupRecord = { poolId: pool.id, name: "members", createdAt: at, lastModifiedAt: at };
  const message: OutboxMessage = {
    id: randomUUID(),
    poolId: pool.id,
    username: user.username,
    channel: "EMAIL",
    destination: "someone@example.com",
    subject: null,
    body: "Your code is 123456",
    code: "123456",
    kind: "signup",
    createdAt: at,
  };
  await store.pools.create(pool);
  await store.clients.create(client);
  await store.users.create(user);
  await store.groups.create(group);
  await store.groups.addMember(pool.id, group.name, user.username);
  await store.outbox.add(message);
  return { pool, client, user, group, message };
}

/** A region no other test uses, so tests can share a database. */
function uniqueRegion(): string {
  return `test-${randomBytes(4).toString("hex")}-1`;
}

function samplePool(region: string, overrides: Partial<UserPoolRecord> = {}): UserPoolRecord {
  return {
    id: `${region}_${randomBytes(6).toString("hex")}`,
    region,
    name: "sample pool",
    createdAt: new Date("2024-05-06T07:08:09.123Z"),
    lastModifiedAt: new Date("2024-05-06T07:08:10.456Z"),
    config: {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      SchemaAttributes: [
        { Name: "email", AttributeDataType: "String", Mutable: true, Required: false, StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" } },
      ],
      AutoVerifiedAttributes: ["email"],
      UsernameAttributes: ["email"],
      MfaConfiguration: "OFF",
      UserPoolTags: { team: "a", "unicode ✓": "ünïcödé" },
    },
    ...overrides,
  };
}

function ids(pools: UserPoolRecord[]): (string | undefined)[] {
  return pools.map((pool) => pool.id);
}
