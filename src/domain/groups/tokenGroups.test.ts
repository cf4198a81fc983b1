import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { backends, freshDatabase } from "../../../test/helpers/cognate.js";
import { openStore } from "../../storage/open.js";
import type { Store } from "../ports/store.js";
import type { UserRecord } from "../users/types.js";
import { groupClaims, groupsForToken } from "./tokenGroups.js";
import type { GroupRecord } from "./types.js";

const POOL_ID = "us-east-1_claims";
const at = new Date("2024-05-06T07:08:09.000Z");

function group(name: string, settings: { precedence?: number; roleArn?: string } = {}): GroupRecord {
  return { poolId: POOL_ID, name, ...settings, createdAt: at, lastModifiedAt: at };
}

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

describe("group claims for tokens", () => {
  test("a user in no group has no groups, no roles and no preferred role", () => {
    assert.deepEqual(groupClaims([]), { groups: [], roles: [] });
  });

  test("groups are listed highest precedence first, groups without precedence last in join order", () => {
    const claims = groupClaims([
      group("none-1"),
      group("ten", { precedence: 10 }),
      group("none-2"),
      group("zero", { precedence: 0 }),
    ]);
    assert.deepEqual(claims.groups, ["zero", "ten", "none-1", "none-2"]);
  });

  test("the preferred role is the role of the lowest-precedence group that has a role", () => {
    const claims = groupClaims([
      group("readers", { precedence: 5, roleArn: role("reader") }),
      group("roleless-top", { precedence: 0 }),
      group("admins", { precedence: 1, roleArn: role("admin") }),
    ]);
    assert.equal(claims.preferredRole, role("admin"));
    assert.deepEqual(claims.roles, [role("admin"), role("reader")]);
  });

  test("a group with a precedence beats a group without one for the preferred role", () => {
    const claims = groupClaims([
      group("unranked", { roleArn: role("unranked") }),
      group("ranked", { precedence: 99, roleArn: role("ranked") }),
    ]);
    assert.equal(claims.preferredRole, role("ranked"));
  });

  test("tied top groups with different roles leave the preferred role unset; roles still lists both", () => {
    const claims = groupClaims([
      group("a", { precedence: 3, roleArn: role("a") }),
      group("b", { precedence: 3, roleArn: role("b") }),
      group("c", { precedence: 7, roleArn: role("c") }),
    ]);
    assert.equal(claims.preferredRole, undefined);
    assert.ok(!("preferredRole" in claims));
    assert.deepEqual(claims.roles, [role("a"), role("b"), role("c")]);
  });

  test("tied top groups naming the same role give that role; roles lists it once", () => {
    const claims = groupClaims([
      group("a", { precedence: 3, roleArn: role("shared") }),
      group("b", { precedence: 3, roleArn: role("shared") }),
    ]);
    assert.equal(claims.preferredRole, role("shared"));
    assert.deepEqual(claims.roles, [role("shared")]);
  });

  test("groups all without precedence tie: different roles leave the preferred role unset", () => {
    const claims = groupClaims([group("a", { roleArn: role("a") }), group("b", { roleArn: role("b") })]);
    assert.equal(claims.preferredRole, undefined);
  });
});

for (const backend of backends) {
  describe(`groupsForToken reads a user's memberships from the store (${backend})`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      const database = await freshDatabase(backend);
      cleanup = database.cleanup;
      store = await openStore(database.db);
      await store.pools.create({
        id: POOL_ID,
        region: "us-east-1",
        name: "claims",
        createdAt: at,
        lastModifiedAt: at,
        config: {},
      });
      for (const username of ["alice", "bob"]) await store.users.create(user(username));
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    test("only the user's own groups count, ordered and resolved to roles", async () => {
      await store.groups.create(group("staff", { precedence: 4, roleArn: role("staff") }));
      await store.groups.create(group("admins", { precedence: 1, roleArn: role("admin") }));
      await store.groups.create(group("bobs-only", { precedence: 0, roleArn: role("bob") }));
      await store.groups.addMember(POOL_ID, "staff", "alice");
      await store.groups.addMember(POOL_ID, "admins", "alice");
      await store.groups.addMember(POOL_ID, "bobs-only", "bob");

      assert.deepEqual(await groupsForToken(store, POOL_ID, "alice"), {
        groups: ["admins", "staff"],
        roles: [role("admin"), role("staff")],
        preferredRole: role("admin"),
      });
    });

    test("a user in no group gets empty claims", async () => {
      assert.deepEqual(await groupsForToken(store, POOL_ID, "nobody"), { groups: [], roles: [] });
    });
  });
}

function user(username: string): UserRecord {
  return {
    poolId: POOL_ID,
    username,
    usernameKey: username,
    sub: `00000000-0000-4000-8000-${username.padStart(12, "0")}`,
    status: "CONFIRMED",
    enabled: true,
    attributes: {},
    aliases: {},
    createdAt: at,
    lastModifiedAt: at,
  };
}
