import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { WebAuthnCredentialRecord } from "../../domain/webAuthn/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import { createPool, createUser, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.webAuthnCredentials on every backend. */
export function webAuthnCredentialsContract(name: string, open: OpenStore): void {
  describe(`WebAuthnCredentialStore contract: ${name}`, () => {
    test("a passkey reads back unchanged, only within its pool; a second of the same id in the pool is a conflict", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const passkey = samplePasskey(user, { authenticatorAttachment: "platform" });
        await store.webAuthnCredentials.create(passkey);
        assert.deepEqual(await store.webAuthnCredentials.get(user.poolId, passkey.credentialId), passkey);
        assert.equal(await store.webAuthnCredentials.get(await createPool(store), passkey.credentialId), undefined);
        const other = await createUser(store, user.poolId, "other");
        await assert.rejects(store.webAuthnCredentials.create(samplePasskey(other, { credentialId: passkey.credentialId })), StorageConflictError);
        const { authenticatorAttachment: _none, ...withoutAttachment } = samplePasskey(other);
        await store.webAuthnCredentials.create(withoutAttachment);
        assert.deepEqual(await store.webAuthnCredentials.get(user.poolId, withoutAttachment.credentialId), withoutAttachment);
      }));

    test("listForUser pages the user's passkeys in registration order, and no one else's", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store, user.poolId, "other");
        const passkeys = [samplePasskey(user), samplePasskey(user), samplePasskey(user)];
        for (const passkey of passkeys) await store.webAuthnCredentials.create(passkey);
        await store.webAuthnCredentials.create(samplePasskey(other));
        const first = await store.webAuthnCredentials.listForUser(user.poolId, user.sub, { limit: 2 });
        assert.deepEqual(first.items, passkeys.slice(0, 2));
        const rest = await store.webAuthnCredentials.listForUser(user.poolId, user.sub, { limit: 2, after: first.nextAfter! });
        assert.deepEqual(rest, { items: passkeys.slice(2) });
      }));

    test("recordUse moves the counter only from the value the caller read", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const passkey = samplePasskey(user, { signCount: 4 });
        await store.webAuthnCredentials.create(passkey);
        assert.equal(await store.webAuthnCredentials.recordUse(user.poolId, passkey.credentialId, 4, 5), true);
        assert.equal(await store.webAuthnCredentials.recordUse(user.poolId, passkey.credentialId, 4, 6), false);
        assert.equal((await store.webAuthnCredentials.get(user.poolId, passkey.credentialId))?.signCount, 5);
        assert.equal(await store.webAuthnCredentials.recordUse(user.poolId, "gone", 0, 1), false);
      }));

    test("delete removes only the named user's passkey; deleting the user or the pool removes theirs", () =>
      withStore(open, async (store) => {
        const user = await createUser(store);
        const other = await createUser(store, user.poolId, "other");
        const mine = samplePasskey(user);
        const theirs = samplePasskey(other);
        await store.webAuthnCredentials.create(mine);
        await store.webAuthnCredentials.create(theirs);
        assert.equal(await store.webAuthnCredentials.delete(user.poolId, user.sub, theirs.credentialId), false);
        assert.equal(await store.webAuthnCredentials.delete(user.poolId, user.sub, mine.credentialId), true);
        assert.equal(await store.webAuthnCredentials.get(user.poolId, mine.credentialId), undefined);
        await store.webAuthnCredentials.create(samplePasskey(user));
        assert.equal(await store.users.delete(user.poolId, user.username), true);
        assert.deepEqual(await store.webAuthnCredentials.listForUser(user.poolId, user.sub, { limit: 10 }), { items: [] });
        assert.equal(await store.pools.delete(user.poolId), true);
        assert.equal(await store.webAuthnCredentials.get(user.poolId, theirs.credentialId), undefined);
      }));
  });
}

function samplePasskey(user: UserRecord, overrides: Partial<WebAuthnCredentialRecord> = {}): WebAuthnCredentialRecord {
  return {
    poolId: user.poolId,
    userSub: user.sub,
    credentialId: randomBytes(16).toString("base64url"),
    publicKey: randomBytes(77).toString("base64url"),
    signCount: 0,
    transports: ["internal", "hybrid"],
    friendlyName: "Passkey",
    relyingPartyId: "auth.example.com",
    createdAt: new Date("2024-06-01T10:00:00.001Z"),
    ...overrides,
  };
}
