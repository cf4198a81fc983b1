import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { GroupRecord } from "../../domain/groups/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import { StorageConflictError, StorageInvalidCursorError } from "../../domain/ports/errors.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, sampleUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.groups on every backend. */
export function groupsContract(name: string, open: OpenStore): void {
  describe(`GroupStore contract: ${name}`, () => {
    test("a created group reads back with every field unchanged", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        for (const group of [fullGroup(poolId), sampleGroup(poolId, { precedence: 0 }), sampleGroup(poolId, { precedence: 2 ** 31 - 1 })]) {
          await store.groups.create(group);
          assert.deepEqual(await store.groups.get(poolId, group.name), group);
        }
      }));

    test("a group without description, role or precedence reads back without those fields", () =>
      withStore(open, async (store) => {
        const group = sampleGroup(await createPool(store));
        await store.groups.create(group);
        const read = await store.groups.get(group.poolId, group.name);
        assert.deepEqual(read, group);
        assert.deepEqual(Object.keys(read ?? {}).sort(), Object.keys(group).sort());
      }));

    test("get compares the name exactly and stays within the pool", () =>
      withStore(open, async (store) => {
        const group = sampleGroup(await createPool(store), { name: "Admins" });
        await store.groups.create(group);
        assert.equal(await store.groups.get(group.poolId, "admins"), undefined);
        assert.equal(await store.groups.get(await createPool(store), "Admins"), undefined);
      }));

    test("creating a group whose name the pool has throws StorageConflictError; another pool may use it", () =>
      withStore(open, async (store) => {
        const group = fullGroup(await createPool(store));
        await store.groups.create(group);
        await assert.rejects(store.groups.create({ ...group, description: "second" }), StorageConflictError);
        assert.deepEqual(await store.groups.get(group.poolId, group.name), group);
        const elsewhere = { ...group, poolId: await createPool(store) };
        await store.groups.create(elsewhere);
        assert.deepEqual(await store.groups.get(elsewhere.poolId, group.name), elsewhere);
      }));

    test("update replaces description, role, precedence and lastModifiedAt, and can clear them", () =>
      withStore(open, async (store) => {
        const group = fullGroup(await createPool(store));
        await store.groups.create(group);
        const changed: GroupRecord = {
          ...group,
          description: "changed",
          roleArn: "arn:aws:iam::123456789012:role/other",
          precedence: 7,
          createdAt: new Date("2030-01-01T00:00:00.000Z"),
          lastModifiedAt: new Date("2025-05-05T05:05:05.505Z"),
        };
        assert.equal(await store.groups.update(changed), true);
        assert.deepEqual(await store.groups.get(group.poolId, group.name), { ...changed, createdAt: group.createdAt });

        const cleared: GroupRecord = { poolId: group.poolId, name: group.name, createdAt: group.createdAt, lastModifiedAt: new Date(1) };
        assert.equal(await store.groups.update(cleared), true);
        assert.deepEqual(await store.groups.get(group.poolId, group.name), cleared);
      }));

    test("update and delete return false for a missing group", () =>
      withStore(open, async (store) => {
        const group = sampleGroup(await createPool(store));
        assert.equal(await store.groups.update(group), false);
        assert.equal(await store.groups.delete(group.poolId, group.name), false);
        assert.equal(await store.groups.get(group.poolId, group.name), undefined);
      }));

    test("list pages through one pool's groups in creation order while groups are added and deleted", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const groups = [1, 2, 3, 4, 5].map((n) => sampleGroup(poolId, { name: `g${6 - n}`, precedence: n }));
        for (const group of groups) await store.groups.create(group);
        await store.groups.create(sampleGroup(await createPool(store)));

        const first = await store.groups.list(poolId, { limit: 2 });
        assert.deepEqual(names(first.items), ["g5", "g4"]);
        assert.equal(typeof first.nextAfter, "string");
        await store.groups.delete(poolId, "g4");
        await store.groups.delete(poolId, "g2");
        const late = sampleGroup(poolId, { name: "late" });
        await store.groups.create(late);
        const second = await store.groups.list(poolId, { limit: 2, after: first.nextAfter });
        assert.deepEqual(names(second.items), ["g3", "g1"]);
        const third = await store.groups.list(poolId, { limit: 2, after: second.nextAfter });
        assert.deepEqual(third, { items: [late] });
      }));

    test("list returns full records and no cursor when the page ends exactly at the last group", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const groups = [fullGroup(poolId), sampleGroup(poolId)];
        for (const group of groups) await store.groups.create(group);
        assert.deepEqual(await store.groups.list(poolId, { limit: 2 }), { items: groups });
        assert.deepEqual(await store.groups.list(await createPool(store), { limit: 2 }), { items: [] });
      }));

    test("every paged listing rejects a cursor it never returned", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        for (const after of ["", "abc", "-1", "1.5", "99999999999999999999"]) {
          const page = { limit: 2, after };
          await assert.rejects(store.groups.list(poolId, page), StorageInvalidCursorError);
          await assert.rejects(store.groups.listForUser(poolId, "someone", page), StorageInvalidCursorError);
          await assert.rejects(store.groups.listMembers(poolId, "some-group", page), StorageInvalidCursorError);
        }
      }));

    test("adding a member twice keeps one membership at its first place in join order", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const [alpha, beta] = await createGroups(store, poolId, ["alpha", "beta"]);
        const user = await createUser(store, poolId);
        await store.groups.addMember(poolId, "alpha", user.username);
        await store.groups.addMember(poolId, "beta", user.username);
        await store.groups.addMember(poolId, "alpha", user.username);
        assert.deepEqual(await store.groups.allForUser(poolId, user.username), [alpha, beta]);
        assert.deepEqual(await store.groups.listMembers(poolId, "alpha", { limit: 10 }), { items: [user] });
      }));

    test("removeMember returns true once, then false; the user and group remain", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const [group] = await createGroups(store, poolId, ["alpha"]);
        const user = await createUser(store, poolId);
        assert.equal(await store.groups.removeMember(poolId, "alpha", user.username), false);
        await store.groups.addMember(poolId, "alpha", user.username);
        assert.equal(await store.groups.removeMember(poolId, "alpha", user.username), true);
        assert.equal(await store.groups.removeMember(poolId, "alpha", user.username), false);
        assert.deepEqual(await store.groups.allForUser(poolId, user.username), []);
        assert.deepEqual(await store.groups.get(poolId, "alpha"), group);
        assert.deepEqual(await store.users.getBySub(poolId, user.sub), user);
      }));

    test("a user's groups come in the order they were joined, not created, page by page", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const groups = await createGroups(store, poolId, ["g1", "g2", "g3", "g4", "g5"]);
        const user = await createUser(store, poolId);
        const other = await createUser(store, poolId);
        for (const name of ["g4", "g1", "g5", "g2"]) await store.groups.addMember(poolId, name, user.username);
        await store.groups.addMember(poolId, "g3", other.username);
        const byName = new Map(groups.map((group) => [group.name, group]));
        const expected = ["g4", "g1", "g5", "g2"].map((name) => byName.get(name));

        assert.deepEqual(await store.groups.allForUser(poolId, user.username), expected);
        const first = await store.groups.listForUser(poolId, user.username, { limit: 2 });
        assert.deepEqual(first.items, expected.slice(0, 2));
        // Between pages: a group not yet seen is left and a new one joined.
        await store.groups.removeMember(poolId, "g5", user.username);
        await store.groups.addMember(poolId, "g3", user.username);
        const second = await store.groups.listForUser(poolId, user.username, { limit: 2, after: first.nextAfter });
        assert.deepEqual(second, { items: [byName.get("g2"), byName.get("g3")] });
      }));

    test("a group's members are full user records in join order, page by page, with their current fields", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        await createGroups(store, poolId, ["team", "other"]);
        const users: UserRecord[] = [];
        for (let i = 0; i < 4; i++) users.push(await createUser(store, poolId));
        const [u0, u1, u2, u3] = users as [UserRecord, UserRecord, UserRecord, UserRecord];
        for (const user of [u2, u0, u3]) await store.groups.addMember(poolId, "team", user.username);
        await store.groups.addMember(poolId, "other", u1.username);
        const updated = { ...u0, attributes: { ...u0.attributes, email: "changed@example.com" }, lastModifiedAt: new Date(5) };
        await store.users.update(updated);

        const first = await store.groups.listMembers(poolId, "team", { limit: 2 });
        assert.deepEqual(first.items, [u2, updated]);
        assert.equal(typeof first.nextAfter, "string");
        const second = await store.groups.listMembers(poolId, "team", { limit: 2, after: first.nextAfter });
        assert.deepEqual(second, { items: [u3] });
      }));

    test("deleting a user removes their memberships", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        await createGroups(store, poolId, ["team"]);
        const leaving = await createUser(store, poolId);
        const staying = await createUser(store, poolId);
        await store.groups.addMember(poolId, "team", leaving.username);
        await store.groups.addMember(poolId, "team", staying.username);
        await store.users.delete(poolId, leaving.username);
        assert.deepEqual(await store.groups.listMembers(poolId, "team", { limit: 10 }), { items: [staying] });
        // A new user with the same username starts without the old memberships.
        const returning = await createUser(store, poolId, { username: leaving.username, usernameKey: leaving.usernameKey });
        assert.deepEqual(await store.groups.allForUser(poolId, returning.username), []);
      }));

    test("deleting a group removes its memberships; a new group of that name starts empty", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const [, kept] = await createGroups(store, poolId, ["team", "kept"]);
        const user = await createUser(store, poolId);
        await store.groups.addMember(poolId, "team", user.username);
        await store.groups.addMember(poolId, "kept", user.username);
        assert.equal(await store.groups.delete(poolId, "team"), true);
        assert.equal(await store.groups.get(poolId, "team"), undefined);
        assert.deepEqual(await store.groups.allForUser(poolId, user.username), [kept]);
        await createGroups(store, poolId, ["team"]);
        assert.deepEqual(await store.groups.listMembers(poolId, "team", { limit: 10 }), { items: [] });
      }));

    test("memberships belong to one pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPoolId = await createPool(store);
        await createGroups(store, poolId, ["team"]);
        await createGroups(store, otherPoolId, ["team"]);
        const user = await createUser(store, poolId, { username: "same-name", usernameKey: "same-name" });
        const twin = await createUser(store, otherPoolId, { username: "same-name", usernameKey: "same-name" });
        await store.groups.addMember(poolId, "team", user.username);
        assert.deepEqual(await store.groups.listMembers(otherPoolId, "team", { limit: 10 }), { items: [] });
        assert.deepEqual(await store.groups.allForUser(otherPoolId, twin.username), []);
        assert.equal(await store.groups.removeMember(otherPoolId, "team", user.username), false);
        assert.deepEqual(await store.groups.listMembers(poolId, "team", { limit: 10 }), { items: [user] });
      }));
  });
}

async function createGroups(store: Store, poolId: string, groupNames: string[]): Promise<GroupRecord[]> {
  const groups = groupNames.map((name) => sampleGroup(poolId, { name }));
  for (const group of groups) await store.groups.create(group);
  return groups;
}

async function createUser(store: Store, poolId: string, overrides: Partial<UserRecord> = {}): Promise<UserRecord> {
  const user = sampleUser(poolId, overrides);
  await store.users.create(user);
  return user;
}

function sampleGroup(poolId: string, overrides: Partial<GroupRecord> = {}): GroupRecord {
  return {
    poolId,
    name: `group-${randomBytes(5).toString("hex")}`,
    createdAt: new Date("2024-08-01T00:00:00.001Z"),
    lastModifiedAt: new Date("2024-08-01T00:00:00.001Z"),
    ...overrides,
  };
}

function fullGroup(poolId: string): GroupRecord {
  return sampleGroup(poolId, {
    name: "Admins ✓",
    description: "People who administer ünïcödé things",
    roleArn: "arn:aws:iam::123456789012:role/admins",
    precedence: 3,
    createdAt: new Date("2024-08-01T00:00:00.123Z"),
    lastModifiedAt: new Date("2024-08-02T00:00:00.456Z"),
  });
}

function names(groups: GroupRecord[]): string[] {
  return groups.map((group) => group.name);
}
