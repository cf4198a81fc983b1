import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FilterableAttribute, UserRecord } from "../../domain/users/types.js";
import { StorageConflictError, StorageInvalidCursorError, UserConflictError } from "../../domain/ports/errors.js";
import type { UserConflictKey, UserFilter } from "../../domain/ports/store.js";
import { createPool, sampleUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.users on every backend. */
export function usersContract(name: string, open: OpenStore): void {
  describe(`UserStore contract: ${name}`, () => {
    test("a created user reads back by username key, sub and each alias with every field unchanged", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = fullUser(poolId);
        await store.users.create(user);
        assert.deepEqual(await store.users.getByUsernameKey(poolId, user.usernameKey), user);
        assert.deepEqual(await store.users.getBySub(poolId, user.sub), user);
        assert.deepEqual(await store.users.getByAlias(poolId, "email", "ana@example.com"), user);
        assert.deepEqual(await store.users.getByAlias(poolId, "phone_number", "+15550100"), user);
        assert.deepEqual(await store.users.getByAlias(poolId, "preferred_username", "ana ✓"), user);
      }));

    test("a user without password, history or aliases reads back without those fields", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = sampleUser(poolId, { enabled: false, status: "UNCONFIRMED", attributes: {} });
        await store.users.create(user);
        const read = await store.users.getBySub(poolId, user.sub);
        assert.deepEqual(read, user);
        assert.deepEqual(Object.keys(read ?? {}).sort(), Object.keys(user).sort());
      }));

    test("a permanent password without an expiry reads back without expiresAt", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = sampleUser(poolId, {
          password: { hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", srpSalt: "0a", srpVerifier: "ff", temporary: false, setAt: new Date(1) },
        });
        await store.users.create(user);
        const read = await store.users.getBySub(poolId, user.sub);
        assert.deepEqual(read, user);
        assert.equal(read?.password !== undefined && "expiresAt" in read.password, false);
      }));

    test("lookups compare exactly and stay within the pool", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPoolId = await createPool(store);
        const user = fullUser(poolId);
        await store.users.create(user);
        assert.equal(await store.users.getByUsernameKey(poolId, user.usernameKey.toUpperCase()), undefined);
        assert.equal(await store.users.getByUsernameKey(otherPoolId, user.usernameKey), undefined);
        assert.equal(await store.users.getBySub(otherPoolId, user.sub), undefined);
        assert.equal(await store.users.getBySub(poolId, user.sub.slice(0, -1)), undefined);
        assert.equal(await store.users.getByAlias(poolId, "email", "ANA@example.com"), undefined);
        assert.equal(await store.users.getByAlias(otherPoolId, "email", "ana@example.com"), undefined);
        // An alias value is found only under its own kind.
        assert.equal(await store.users.getByAlias(poolId, "preferred_username", "ana@example.com"), undefined);
        assert.equal(await store.users.getByUsernameKey(poolId, "nul\0"), undefined);
      }));

    test("another pool may hold the same username, sub and aliases", () =>
      withStore(open, async (store) => {
        const first = fullUser(await createPool(store));
        const second = { ...first, poolId: await createPool(store) };
        await store.users.create(first);
        await store.users.create(second);
        assert.deepEqual(await store.users.getBySub(second.poolId, second.sub), second);
        assert.deepEqual(await store.users.getBySub(first.poolId, first.sub), first);
      }));

    const collisions: { key: UserConflictKey; because: string; change: (held: UserRecord) => Partial<UserRecord> }[] = [
      { key: "username", because: "the same username", change: (held) => ({ username: held.username, usernameKey: held.usernameKey }) },
      { key: "username", because: "another username with the same key", change: (held) => ({ username: held.username.toUpperCase(), usernameKey: held.usernameKey }) },
      { key: "sub", because: "the same sub", change: (held) => ({ sub: held.sub }) },
      { key: "email", because: "the same email alias", change: (held) => ({ aliases: { email: held.aliases.email ?? "" } }) },
      { key: "phone_number", because: "the same phone_number alias", change: (held) => ({ aliases: { phone_number: held.aliases.phone_number ?? "" } }) },
      {
        key: "preferred_username",
        because: "the same preferred_username alias",
        change: (held) => ({ aliases: { preferred_username: held.aliases.preferred_username ?? "" } }),
      },
    ];
    for (const { key, because, change } of collisions) {
      test(`creating a user with ${because} throws UserConflictError naming ${key} and writes nothing`, () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const held = fullUser(poolId);
          await store.users.create(held);
          const newcomer = sampleUser(poolId, change(held));
          const error = await store.users.create(newcomer).then(
            () => assert.fail("the second create succeeded"),
            (thrown: unknown) => thrown,
          );
          assert.ok(error instanceof UserConflictError, `expected UserConflictError, got ${String(error)}`);
          assert.ok(error instanceof StorageConflictError);
          assert.equal(error.key, key);
          assert.equal(await store.users.count(poolId), 1);
          assert.deepEqual(await store.users.getBySub(poolId, held.sub), held);
        }));
    }

    for (const kind of ["email", "phone_number", "preferred_username"] as const) {
      test(`updating a user to take another user's ${kind} alias throws UserConflictError and changes nothing`, () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const held = fullUser(poolId);
          const other = sampleUser(poolId, { aliases: { email: "other@example.com" } });
          await store.users.create(held);
          await store.users.create(other);
          const taking = { ...other, aliases: { ...other.aliases, [kind]: held.aliases[kind] }, lastModifiedAt: new Date(9) };
          await assert.rejects(store.users.update(taking), (error) => error instanceof UserConflictError && error.key === kind);
          assert.deepEqual(await store.users.getBySub(poolId, other.sub), other);
          assert.deepEqual(await store.users.getByAlias(poolId, kind, held.aliases[kind] ?? ""), held);
        }));
    }

    test("an alias moved away by update is free for another user, and found on its new holder", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const first = sampleUser(poolId, { aliases: { email: "shared@example.com" } });
        const second = sampleUser(poolId);
        await store.users.create(first);
        await store.users.create(second);

        const moved = { ...first, aliases: { email: "first@example.com" } };
        assert.equal(await store.users.update(moved), true);
        const taken = { ...second, aliases: { email: "shared@example.com" } };
        assert.equal(await store.users.update(taken), true);

        assert.deepEqual(await store.users.getByAlias(poolId, "email", "shared@example.com"), taken);
        assert.deepEqual(await store.users.getByAlias(poolId, "email", "first@example.com"), moved);
      }));

    test("update replaces every mutable field but keeps username key, sub and creation date", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = fullUser(poolId);
        await store.users.create(user);
        const changed: UserRecord = {
          ...user,
          usernameKey: "ignored-key",
          sub: "ignored-sub",
          createdAt: new Date("2030-01-01T00:00:00.000Z"),
          status: "RESET_REQUIRED",
          enabled: false,
          attributes: { sub: user.sub, email: "new@example.com", "custom:tier": "gold" },
          aliases: { phone_number: "+15550199" },
          lastModifiedAt: new Date("2025-03-04T05:06:07.089Z"),
          password: {
            hash: "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3aGFzaA",
            srpSalt: "beef",
            srpVerifier: "cafe",
            temporary: false,
            setAt: new Date("2025-03-04T05:06:07.089Z"),
          },
          passwordHistory: { salt: "c2FsdDI", digests: ["ZDM", "ZDE"] },
        };
        assert.equal(await store.users.update(changed), true);
        const expected = { ...changed, usernameKey: user.usernameKey, sub: user.sub, createdAt: user.createdAt };
        assert.deepEqual(await store.users.getBySub(poolId, user.sub), expected);
        assert.equal(await store.users.getBySub(poolId, "ignored-sub"), undefined);
        assert.equal(await store.users.getByAlias(poolId, "email", "ana@example.com"), undefined);
        assert.deepEqual(await store.users.getByAlias(poolId, "phone_number", "+15550199"), expected);
      }));

    test("update can remove the password, history, MFA settings and aliases", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = fullUser(poolId);
        await store.users.create(user);
        const { password: _password, passwordHistory: _history, mfa: _mfa, ...bare } = { ...user, aliases: {} };
        assert.equal(await store.users.update(bare), true);
        assert.deepEqual(await store.users.getBySub(poolId, user.sub), bare);
        assert.equal(await store.users.getByAlias(poolId, "preferred_username", "ana ✓"), undefined);
      }));

    test("updating a user that does not exist returns false and creates nobody", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = sampleUser(poolId);
        assert.equal(await store.users.update(user), false);
        assert.equal(await store.users.count(poolId), 0);
      }));

    test("delete removes the user and frees their username, sub and aliases; false when absent", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = fullUser(poolId);
        const other = sampleUser(poolId);
        await store.users.create(user);
        await store.users.create(other);
        assert.equal(await store.users.delete(poolId, user.username), true);
        assert.equal(await store.users.getBySub(poolId, user.sub), undefined);
        assert.equal(await store.users.getByUsernameKey(poolId, user.usernameKey), undefined);
        assert.equal(await store.users.delete(poolId, user.username), false);
        assert.deepEqual(await store.users.getBySub(poolId, other.sub), other);
        await store.users.create(user);
        assert.deepEqual(await store.users.getBySub(poolId, user.sub), user);
      }));

    test("delete is scoped by pool and takes the username exactly", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = sampleUser(poolId, { username: "CaseMatters", usernameKey: "casematters" });
        await store.users.create(user);
        assert.equal(await store.users.delete(await createPool(store), user.username), false);
        assert.equal(await store.users.delete(poolId, "casematters"), false);
        assert.equal(await store.users.count(poolId), 1);
      }));

    test("count counts the pool's users only", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const otherPoolId = await createPool(store);
        assert.equal(await store.users.count(poolId), 0);
        for (let i = 0; i < 3; i++) await store.users.create(sampleUser(poolId));
        await store.users.create(sampleUser(otherPoolId));
        assert.equal(await store.users.count(poolId), 3);
        assert.equal(await store.users.count(otherPoolId), 1);
      }));

    test("count follows every create, bulk create and delete between two counts", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const first = sampleUser(poolId);
        await store.users.create(first);
        assert.equal(await store.users.count(poolId), 1);
        await store.users.createMany([sampleUser(poolId), sampleUser(poolId)]);
        assert.equal(await store.users.count(poolId), 3);
        await store.users.delete(poolId, first.username);
        assert.equal(await store.users.count(poolId), 2);
        await store.transaction(async (trx) => {
          await trx.users.create(sampleUser(poolId));
          assert.equal(await trx.users.count(poolId), 3, "a transaction counts its own user");
        });
        assert.equal(await store.users.count(poolId), 3);
        await assert.rejects(
          store.transaction(async (trx) => {
            await trx.users.create(sampleUser(poolId));
            throw new Error("roll back");
          }),
          /roll back/,
        );
        assert.equal(await store.users.count(poolId), 3, "a rolled-back user is not counted");
      }));

    test("list pages through the pool's users in creation order while users are created and deleted", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        // Descending usernames and dates: the order must come from creation, not from either field.
        const users = [1, 2, 3, 4, 5].map((n) =>
          sampleUser(poolId, { username: `u${6 - n}`, usernameKey: `u${6 - n}`, createdAt: new Date(Date.UTC(2024, 0, 10 - n)) }),
        );
        for (const user of users) await store.users.create(user);
        await store.users.create(sampleUser(await createPool(store)));

        const first = await store.users.list(poolId, undefined, { limit: 2 });
        assert.deepEqual(usernames(first.items), ["u5", "u4"]);
        assert.equal(typeof first.nextAfter, "string");

        await store.users.delete(poolId, "u4");
        await store.users.delete(poolId, "u2");
        const late = sampleUser(poolId, { username: "late", usernameKey: "late" });
        await store.users.create(late);

        const second = await store.users.list(poolId, undefined, { limit: 2, after: first.nextAfter });
        assert.deepEqual(usernames(second.items), ["u3", "u1"]);
        const third = await store.users.list(poolId, undefined, { limit: 2, after: second.nextAfter });
        assert.deepEqual(third, { items: [late] });
      }));

    test("list returns full records and no cursor when the page ends exactly at the last user", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const users = [fullUser(poolId), sampleUser(poolId)];
        for (const user of users) await store.users.create(user);
        assert.deepEqual(await store.users.list(poolId, undefined, { limit: 2 }), { items: users });
        assert.deepEqual(await store.users.list(await createPool(store), undefined, { limit: 2 }), { items: [] });
      }));

    test("list rejects a cursor it never returned", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        for (const after of ["", "abc", "-1", "1.5", "99999999999999999999"]) {
          await assert.rejects(store.users.list(poolId, undefined, { limit: 2, after }), StorageInvalidCursorError);
        }
      }));

    describe("filters", () => {
      const people: { tag: string; username: string; sub: string; status: UserRecord["status"]; enabled: boolean; attributes: Record<string, string> }[] = [
        {
          tag: "alice",
          username: "alice",
          sub: "aa11-0001",
          status: "CONFIRMED",
          enabled: true,
          attributes: {
            email: "alice@example.com",
            phone_number: "+15550001",
            name: "Alice Smith",
            given_name: "Alice",
            family_name: "Smith",
            preferred_username: "ally",
          },
        },
        {
          tag: "alicia",
          username: "Alicia",
          sub: "aa12-0002",
          status: "FORCE_CHANGE_PASSWORD",
          enabled: false,
          attributes: {
            email: "Alicia@example.com",
            phone_number: "+15550002",
            name: "alicia jones",
            given_name: "alicia",
            family_name: "Jones",
            preferred_username: "Ally",
          },
        },
        {
          tag: "bob",
          username: "bob",
          sub: "bb21-0003",
          status: "UNCONFIRMED",
          enabled: true,
          attributes: { email: "bob@example.org", phone_number: "+442000", name: "Bob", given_name: "Bob", family_name: "Smithers" },
        },
      ];
      const cases: { attribute: FilterableAttribute; operator: UserFilter["operator"]; value: string; expected: string[] }[] = [
        { attribute: "username", operator: "=", value: "alice", expected: ["alice"] },
        { attribute: "username", operator: "=", value: "Alice", expected: [] },
        { attribute: "username", operator: "^=", value: "Ali", expected: ["alicia"] },
        { attribute: "username", operator: "^=", value: "ali", expected: ["alice"] },
        { attribute: "email", operator: "=", value: "bob@example.org", expected: ["bob"] },
        { attribute: "email", operator: "=", value: "bob@example", expected: [] },
        { attribute: "email", operator: "^=", value: "ali", expected: ["alice"] },
        { attribute: "email", operator: "^=", value: "", expected: ["alice", "alicia", "bob"] },
        { attribute: "phone_number", operator: "=", value: "+15550002", expected: ["alicia"] },
        { attribute: "phone_number", operator: "^=", value: "+1555", expected: ["alice", "alicia"] },
        { attribute: "name", operator: "=", value: "Bob", expected: ["bob"] },
        { attribute: "name", operator: "^=", value: "Alice ", expected: ["alice"] },
        { attribute: "name", operator: "^=", value: "alic", expected: ["alicia"] },
        { attribute: "given_name", operator: "=", value: "alicia", expected: ["alicia"] },
        { attribute: "given_name", operator: "^=", value: "A", expected: ["alice"] },
        { attribute: "family_name", operator: "=", value: "Smith", expected: ["alice"] },
        { attribute: "family_name", operator: "^=", value: "Smith", expected: ["alice", "bob"] },
        { attribute: "preferred_username", operator: "=", value: "Ally", expected: ["alicia"] },
        { attribute: "preferred_username", operator: "^=", value: "al", expected: ["alice"] },
        // Bob has no preferred_username: an absent attribute matches nothing, not even the empty prefix.
        { attribute: "preferred_username", operator: "^=", value: "", expected: ["alice", "alicia"] },
        { attribute: "sub", operator: "=", value: "aa12-0002", expected: ["alicia"] },
        { attribute: "sub", operator: "^=", value: "aa1", expected: ["alice", "alicia"] },
        { attribute: "sub", operator: "^=", value: "AA1", expected: [] },
        { attribute: "status", operator: "=", value: "Enabled", expected: ["alice", "bob"] },
        { attribute: "status", operator: "=", value: "Disabled", expected: ["alicia"] },
        { attribute: "status", operator: "=", value: "enabled", expected: [] },
        { attribute: "status", operator: "^=", value: "Dis", expected: ["alicia"] },
        { attribute: "cognito:user_status", operator: "=", value: "CONFIRMED", expected: ["alice"] },
        { attribute: "cognito:user_status", operator: "^=", value: "UN", expected: ["bob"] },
        { attribute: "cognito:user_status", operator: "^=", value: "F", expected: ["alicia"] },
      ];

      test("= and ^= match each filterable value exactly and case-sensitively, within the pool", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const otherPoolId = await createPool(store);
          const bySub = new Map<string, string>();
          for (const person of people) {
            const attributes = { sub: person.sub, ...person.attributes };
            const { tag: _tag, ...fields } = person;
            await store.users.create(sampleUser(poolId, { ...fields, usernameKey: person.username.toLowerCase(), attributes }));
            await store.users.create(sampleUser(otherPoolId, { ...fields, usernameKey: person.username.toLowerCase(), attributes }));
            bySub.set(person.sub, person.tag);
          }
          for (const { attribute, operator, value, expected } of cases) {
            const page = await store.users.list(poolId, { attribute, operator, value }, { limit: 10 });
            assert.deepEqual(
              page.items.map((user) => bySub.get(user.sub)),
              expected,
              `${attribute} ${operator} ${JSON.stringify(value)}`,
            );
          }
        }));

      test("filters follow updates: values leaving the attributes stop matching, new values match", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const user = sampleUser(poolId, { attributes: { email: "before@example.com", given_name: "Old" } });
          await store.users.create(user);
          const updated = { ...user, enabled: false, status: "CONFIRMED" as const, attributes: { email: "after@example.com" } };
          await store.users.update(updated);
          const find = (attribute: FilterableAttribute, value: string) =>
            store.users.list(poolId, { attribute, operator: "=", value }, { limit: 5 }).then((page) => page.items.length);
          assert.equal(await find("email", "before@example.com"), 0);
          assert.equal(await find("email", "after@example.com"), 1);
          assert.equal(await find("given_name", "Old"), 0);
          assert.equal(await find("status", "Enabled"), 0);
          assert.equal(await find("status", "Disabled"), 1);
        }));

      test("^= is a plain prefix at the edges of the character range, and % and _ are literal", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const names = [
            "a\u{10FFFF}",
            "a\u{10FFFF}z",
            "a\u{10FFFF}\u{10FFFF}",
            "b",
            "\u{10FFFF}",
            "\u{10FFFF}x",
            "x\u{1F600}y",
            "x\u{1F601}",
            "x\uFFFF",
            "x\u{10000}",
            "p\ud7ff",
            "p\ue000",
            "50%",
            "50x",
            "a_b",
            "axb",
            "abc",
            "abd",
          ];
          const bySub = new Map<string, string>();
          for (const name of names) {
            const user = sampleUser(poolId, { attributes: { name } });
            bySub.set(user.sub, name);
            await store.users.create(user);
          }
          const prefixed = async (value: string) => {
            const page = await store.users.list(poolId, { attribute: "name", operator: "^=", value }, { limit: 50 });
            return page.items.map((user) => bySub.get(user.sub));
          };
          assert.deepEqual(await prefixed("a\u{10FFFF}"), ["a\u{10FFFF}", "a\u{10FFFF}z", "a\u{10FFFF}\u{10FFFF}"]);
          assert.deepEqual(await prefixed("a\u{10FFFF}\u{10FFFF}"), ["a\u{10FFFF}\u{10FFFF}"]);
          assert.deepEqual(await prefixed("\u{10FFFF}"), ["\u{10FFFF}", "\u{10FFFF}x"]);
          assert.deepEqual(await prefixed("x\u{1F600}"), ["x\u{1F600}y"]);
          // U+FFFF sorts below U+10000 by code point, though not by UTF-16 code unit.
          assert.deepEqual(await prefixed("x\uFFFF"), ["x\uFFFF"]);
          assert.deepEqual(await prefixed("p\ud7ff"), ["p\ud7ff"]);
          assert.deepEqual(await prefixed("50%"), ["50%"]);
          assert.deepEqual(await prefixed("a_"), ["a_b"]);
          assert.deepEqual(await prefixed("abc"), ["abc"]);
          assert.deepEqual(await prefixed("a"), ["a\u{10FFFF}", "a\u{10FFFF}z", "a\u{10FFFF}\u{10FFFF}", "a_b", "axb", "abc", "abd"]);
          assert.deepEqual(await prefixed("x"), ["x\u{1F600}y", "x\u{1F601}", "x\uFFFF", "x\u{10000}"]);
        }));

      test("lone surrogates compare as U+FFFD in filters and aliases, while attributes keep them", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const user = sampleUser(poolId, { attributes: { name: "a\ud800b" }, aliases: { preferred_username: "p\udc00" } });
          const other = sampleUser(poolId, { attributes: { name: "a\ufffdc" } });
          await store.users.create(user);
          await store.users.create(other);
          const matching = async (operator: UserFilter["operator"], value: string) => {
            const page = await store.users.list(poolId, { attribute: "name", operator, value }, { limit: 5 });
            return page.items.map((found) => found.sub);
          };
          assert.deepEqual(await matching("=", "a\ud800b"), [user.sub]);
          assert.deepEqual(await matching("=", "a\ufffdb"), [user.sub]);
          assert.deepEqual(await matching("^=", "a\udbff"), [user.sub, other.sub]);
          const read = await store.users.getByAlias(poolId, "preferred_username", "p\ud800");
          assert.equal(read?.sub, user.sub);
          assert.deepEqual(read?.attributes, user.attributes);
          assert.deepEqual(read?.aliases, { preferred_username: "p\ufffd" });
        }));

      test("a filter value containing U+0000 finds nobody and raises no error", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          await store.users.create(sampleUser(poolId, { attributes: { email: "a@example.com" } }));
          for (const operator of ["=", "^="] as const) {
            assert.deepEqual(await store.users.list(poolId, { attribute: "email", operator, value: "a\0" }, { limit: 5 }), { items: [] });
          }
        }));

      test("filtered pages stay in creation order while matching users are created and deleted", () =>
        withStore(open, async (store) => {
          const poolId = await createPool(store);
          const created: UserRecord[] = [];
          for (let i = 0; i < 8; i++) {
            // Alternating matches; descending values so the order must come from creation.
            const user = sampleUser(poolId, { attributes: { family_name: i % 2 === 0 ? `Match${9 - i}` : `Other${i}` } });
            created.push(user);
            await store.users.create(user);
          }
          const matching = created.filter((_, i) => i % 2 === 0);
          for (const operator of ["^=", "="] as const) {
            const filter: UserFilter =
              operator === "^=" ? { attribute: "family_name", operator, value: "Match" } : { attribute: "status", operator, value: "Enabled" };
            const expected = operator === "^=" ? matching : created;
            const first = await store.users.list(poolId, filter, { limit: 2 });
            assert.deepEqual(first.items, expected.slice(0, 2));
            assert.equal(typeof first.nextAfter, "string");
            let after = first.nextAfter;
            const seen = [...first.items];
            for (;;) {
              const next = await store.users.list(poolId, filter, { limit: 2, after });
              seen.push(...next.items);
              if (next.nextAfter === undefined) break;
              after = next.nextAfter;
            }
            assert.deepEqual(seen, expected, `every ${operator} match once, in creation order`);
          }

          // Between pages a match is created and one not yet seen is deleted.
          const filter: UserFilter = { attribute: "family_name", operator: "^=", value: "Match" };
          const first = await store.users.list(poolId, filter, { limit: 2 });
          const late = sampleUser(poolId, { attributes: { family_name: "Match0" } });
          await store.users.create(late);
          await store.users.delete(poolId, matching[2]?.username ?? "");
          const second = await store.users.list(poolId, filter, { limit: 2, after: first.nextAfter });
          assert.deepEqual(second.items, [matching[3], late]);
          assert.equal(second.nextAfter, undefined);
        }));
    });

    test("a user written in a transaction that fails is not kept", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const user = fullUser(poolId);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.create(user);
            assert.deepEqual(await tx.users.getBySub(poolId, user.sub), user);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.equal(await store.users.getBySub(poolId, user.sub), undefined);
        assert.equal(await store.users.count(poolId), 0);
      }));

    test("a conflict inside a transaction can be caught and the transaction still commits", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const held = fullUser(poolId);
        await store.users.create(held);
        const newcomer = sampleUser(poolId);
        await store.transaction(async (tx) => {
          await tx.users.create(newcomer);
          await assert.rejects(tx.users.create(sampleUser(poolId, { sub: held.sub })), UserConflictError);
        });
        assert.deepEqual(await store.users.getBySub(poolId, newcomer.sub), newcomer);
      }));

    test("createMany creates every user across several batches, each reading back unchanged, in list order", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const users = Array.from({ length: 2345 }, (_, index) => sampleUser(poolId, { username: `bulk-${String(index).padStart(5, "0")}` }));
        users[7] = { ...fullUser(poolId), status: "RESET_REQUIRED" };
        const { password: _password, passwordHistory: _history, ...withoutPassword } = users[7];
        users[7] = withoutPassword;
        assert.deepEqual(await store.users.createMany(users), { created: 2345, conflicts: [] });
        assert.equal(await store.users.count(poolId), 2345);
        assert.deepEqual(await store.users.getByAlias(poolId, "email", "ana@example.com"), users[7]);
        const firstPage = await store.users.list(poolId, undefined, { limit: 10 });
        assert.deepEqual(firstPage.items, users.slice(0, 10));
      }));

    test("createMany skips users whose username key, sub or alias is held, by a stored user or an earlier one, and names the key", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const stored = sampleUser(poolId, { username: "stored", aliases: { email: "held@example.com" } });
        await store.users.create(stored);
        const fresh = sampleUser(poolId, { username: "fresh" });
        const users = [
          sampleUser(poolId, { username: "other", usernameKey: "stored" }),
          fresh,
          sampleUser(poolId, { username: "fresh" }),
          sampleUser(poolId, { sub: stored.sub }),
          sampleUser(poolId, { aliases: { email: "held@example.com" } }),
          sampleUser(poolId, { username: "shared-phone", aliases: { phone_number: "+15550111" } }),
          sampleUser(poolId, { aliases: { phone_number: "+15550111" } }),
        ];
        const result = await store.users.createMany(users);
        assert.deepEqual(result, {
          created: 2,
          conflicts: [
            { index: 0, username: "other", key: "username" },
            { index: 2, username: "fresh", key: "username" },
            { index: 3, username: users[3]!.username, key: "sub" },
            { index: 4, username: users[4]!.username, key: "email" },
            { index: 6, username: users[6]!.username, key: "phone_number" },
          ],
        });
        assert.equal(await store.users.count(poolId), 3);
        assert.deepEqual(await store.users.getByUsernameKey(poolId, "fresh"), fresh);
        assert.equal((await store.users.getByAlias(poolId, "phone_number", "+15550111"))?.username, "shared-phone");
      }));

    test("createMany inside a transaction is undone with it", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.createMany([sampleUser(poolId), sampleUser(poolId)]);
            throw new Error("abandon");
          }),
          /abandon/,
        );
        assert.equal(await store.users.count(poolId), 0);
      }));
  });
}

/** A user with every field set: three aliases, a temporary password with expiry, history, unicode attributes. */
function fullUser(poolId: string): UserRecord {
  return sampleUser(poolId, {
    username: "Ana.Example",
    usernameKey: "ana.example",
    sub: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    status: "FORCE_CHANGE_PASSWORD",
    enabled: true,
    attributes: {
      sub: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
      email: "Ana@Example.com",
      email_verified: "true",
      phone_number: "+15550100",
      preferred_username: "Ana ✓",
      name: "Ana Ünïcødé 😀",
      "custom:quote": "\"quoted\" \\ back\nslash",
    },
    aliases: { email: "ana@example.com", phone_number: "+15550100", preferred_username: "ana ✓" },
    createdAt: new Date("2024-06-01T10:00:00.001Z"),
    lastModifiedAt: new Date("2024-06-02T11:12:13.999Z"),
    password: {
      hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
      srpSalt: "a1b2c3",
      srpVerifier: "00ff00ff",
      temporary: true,
      expiresAt: new Date("2024-06-08T10:00:00.001Z"),
      setAt: new Date("2024-06-01T10:00:00.001Z"),
    },
    passwordHistory: { salt: "aGlzdG9yeQ", digests: ["ZDI", "ZDE"] },
    mfa: {
      enabled: ["SMS_MFA", "SOFTWARE_TOKEN_MFA"],
      preferred: "SOFTWARE_TOKEN_MFA",
      softwareToken: { secret: "JBSWY3DPEHPK3PXP", friendlyDeviceName: "Ana's phone ✓", lastUsedStep: 56_000_000 },
      pendingSoftwareTokenSecret: "KRSXG5CTMVRXEZLU",
    },
  });
}

function usernames(users: UserRecord[]): string[] {
  return users.map((user) => user.username);
}
