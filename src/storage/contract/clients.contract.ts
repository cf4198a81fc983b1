import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { ClientRecord } from "../../domain/clients/types.js";
import { StorageConflictError, StorageInvalidCursorError } from "../../domain/ports/errors.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.clients on every backend. */
export function clientsContract(name: string, open: OpenStore): void {
  describe(`ClientStore contract: ${name}`, () => {
    test("a created client reads back by pool and id, and by id alone, with every field unchanged", () =>
      withStore(open, async (store) => {
        const client = fullClient(await createPool(store));
        await store.clients.create(client);
        assert.deepEqual(await store.clients.get(client.poolId, client.clientId), client);
        assert.deepEqual(await store.clients.findById(client.clientId), client);
      }));

    test("a client without a secret reads back without the secret field", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        await store.clients.create(client);
        const read = await store.clients.findById(client.clientId);
        assert.deepEqual(read, client);
        assert.equal(read !== undefined && "secret" in read, false);
      }));

    test("get is scoped by pool; unknown ids return undefined", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        await store.clients.create(client);
        assert.equal(await store.clients.get(await createPool(store), client.clientId), undefined);
        assert.equal(await store.clients.get(client.poolId, newClientId()), undefined);
        assert.equal(await store.clients.findById(newClientId()), undefined);
        assert.equal(await store.clients.findById(client.clientId.toUpperCase()), undefined);
      }));

    test("creating a client whose id exists in any pool throws StorageConflictError and keeps the first", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        await store.clients.create(client);
        await assert.rejects(store.clients.create({ ...client, name: "same pool" }), StorageConflictError);
        await assert.rejects(store.clients.create({ ...client, poolId: await createPool(store), name: "other pool" }), StorageConflictError);
        assert.deepEqual(await store.clients.findById(client.clientId), client);
      }));

    test("update replaces name, lastModifiedAt and config but not the secret or createdAt", () =>
      withStore(open, async (store) => {
        const client = fullClient(await createPool(store));
        await store.clients.create(client);
        const changed: ClientRecord = {
          ...client,
          name: "renamed",
          secrets: [{ value: "not-a-new-secret", createdAt: new Date("2030-01-01T00:00:00.000Z") }],
          createdAt: new Date("2030-01-01T00:00:00.000Z"),
          lastModifiedAt: new Date("2025-01-02T03:04:05.678Z"),
          config: { ExplicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"], RefreshTokenValidity: 5 },
        };
        assert.equal(await store.clients.update(changed), true);
        assert.deepEqual(await store.clients.get(client.poolId, client.clientId), {
          ...changed,
          secrets: client.secrets,
          createdAt: client.createdAt,
        });
      }));

    test("setSecrets replaces the secrets, oldest first, and nothing else; false for a missing client", () =>
      withStore(open, async (store) => {
        const client = fullClient(await createPool(store));
        await store.clients.create(client);
        const rotated = [
          ...client.secrets,
          { value: "2example23456789secret0abcdefghijklmnopqrstuvwxyz", createdAt: new Date("2024-08-01T00:00:00.789Z") },
        ];
        assert.equal(await store.clients.setSecrets(client.poolId, client.clientId, rotated), true);
        assert.deepEqual(await store.clients.findById(client.clientId), { ...client, secrets: rotated });
        assert.equal(await store.clients.setSecrets(client.poolId, client.clientId, rotated.slice(1)), true);
        assert.deepEqual((await store.clients.get(client.poolId, client.clientId))?.secrets, rotated.slice(1));
        assert.equal(await store.clients.setSecrets(client.poolId, newClientId(), rotated), false);
        assert.equal(await store.clients.setSecrets(await createPool(store), client.clientId, []), false);
        assert.deepEqual((await store.clients.get(client.poolId, client.clientId))?.secrets, rotated.slice(1));
      }));

    test("two transactions adding a secret through getForUpdate each keep the other's", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        await store.clients.create(client);
        const addSecret = (value: string) =>
          store.transaction(async (tx) => {
            const locked = await tx.clients.getForUpdate(client.poolId, client.clientId);
            // Both would read the same secrets here were the row not locked until the write.
            await new Promise((resolve) => setTimeout(resolve, 50));
            const secret = { value, createdAt: new Date("2024-08-01T00:00:00.000Z") };
            await tx.clients.setSecrets(client.poolId, client.clientId, [...locked!.secrets, secret]);
          });
        await Promise.all([addSecret("first0secret0abcdefghijklmnopqrstuvwxyz0123456789"), addSecret("second0secret0abcdefghijklmnopqrstuvwxyz012345678")]);
        const values = (await store.clients.get(client.poolId, client.clientId))!.secrets.map((secret) => secret.value).sort();
        assert.deepEqual(values, ["first0secret0abcdefghijklmnopqrstuvwxyz0123456789", "second0secret0abcdefghijklmnopqrstuvwxyz012345678"]);
        assert.equal(await store.clients.getForUpdate(client.poolId, newClientId()), undefined);
      }));

    test("update and delete return false for a missing client or another pool's client", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        const missing = sampleClient(client.poolId);
        assert.equal(await store.clients.update(missing), false);
        assert.equal(await store.clients.delete(missing.poolId, missing.clientId), false);
        assert.equal(await store.clients.findById(missing.clientId), undefined);

        await store.clients.create(client);
        const otherPoolId = await createPool(store);
        assert.equal(await store.clients.update({ ...client, poolId: otherPoolId, name: "stolen" }), false);
        assert.equal(await store.clients.delete(otherPoolId, client.clientId), false);
        assert.deepEqual(await store.clients.findById(client.clientId), client);
      }));

    test("delete returns true and removes the client", () =>
      withStore(open, async (store) => {
        const client = sampleClient(await createPool(store));
        await store.clients.create(client);
        assert.equal(await store.clients.delete(client.poolId, client.clientId), true);
        assert.equal(await store.clients.get(client.poolId, client.clientId), undefined);
        assert.equal(await store.clients.findById(client.clientId), undefined);
      }));

    test("list pages through one pool's clients in creation order while clients are added and deleted", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const clients = [1, 2, 3, 4, 5].map((n) => sampleClient(poolId, { name: `client-${6 - n}`, createdAt: new Date(Date.UTC(2024, 0, 10 - n)) }));
        for (const client of clients) await store.clients.create(client);
        await store.clients.create(sampleClient(await createPool(store)));
        const [c1, c2, c3, c4, c5] = clients.map((client) => client.clientId);

        const first = await store.clients.list(poolId, { limit: 2 });
        assert.deepEqual(clientIds(first.items), [c1, c2]);
        assert.equal(typeof first.nextAfter, "string");

        await store.clients.delete(poolId, c2 ?? "");
        await store.clients.delete(poolId, c4 ?? "");
        const late = sampleClient(poolId);
        await store.clients.create(late);

        const second = await store.clients.list(poolId, { limit: 2, after: first.nextAfter });
        assert.deepEqual(clientIds(second.items), [c3, c5]);
        const third = await store.clients.list(poolId, { limit: 2, after: second.nextAfter });
        assert.deepEqual(third, { items: [late] });
      }));

    test("list returns full records and no cursor when the page ends exactly at the last client", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const clients = [fullClient(poolId), sampleClient(poolId)];
        for (const client of clients) await store.clients.create(client);
        assert.deepEqual(await store.clients.list(poolId, { limit: 2 }), { items: clients });
        assert.deepEqual(await store.clients.list(await createPool(store), { limit: 2 }), { items: [] });
      }));

    test("list rejects a cursor it never returned", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        for (const after of ["", "abc", "-1", "1.5", "99999999999999999999"]) {
          await assert.rejects(store.clients.list(poolId, { limit: 2, after }), StorageInvalidCursorError);
        }
      }));

    test("a conflict caught inside a transaction leaves the transaction usable", () =>
      withStore(open, async (store) => {
        const held = sampleClient(await createPool(store));
        await store.clients.create(held);
        const newcomer = sampleClient(held.poolId);
        await store.transaction(async (tx) => {
          await assert.rejects(tx.clients.create({ ...held, name: "again" }), StorageConflictError);
          await tx.clients.create(newcomer);
        });
        assert.deepEqual(await store.clients.findById(newcomer.clientId), newcomer);
      }));
  });
}

function newClientId(): string {
  return randomBytes(13).toString("hex");
}

function sampleClient(poolId: string, overrides: Partial<ClientRecord> = {}): ClientRecord {
  return {
    poolId,
    clientId: newClientId(),
    name: "sample client",
    secrets: [],
    createdAt: new Date("2024-07-01T00:00:00.001Z"),
    lastModifiedAt: new Date("2024-07-01T00:00:00.001Z"),
    config: {},
    ...overrides,
  };
}

function fullClient(poolId: string): ClientRecord {
  return sampleClient(poolId, {
    name: "web ✓ client",
    secrets: [{ value: "1example23456789secret0abcdefghijklmnopqrstuvwxyz", createdAt: new Date("2024-07-01T00:00:00.123Z") }],
    createdAt: new Date("2024-07-01T00:00:00.123Z"),
    lastModifiedAt: new Date("2024-07-02T00:00:00.456Z"),
    config: {
      RefreshTokenValidity: 30,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: "minutes", IdToken: "minutes", RefreshToken: "days" },
      ReadAttributes: ["email", "custom:tier"],
      WriteAttributes: ["email"],
      ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      SupportedIdentityProviders: ["COGNITO"],
      CallbackURLs: ["https://example.com/callback"],
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: "ENABLED",
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    },
  });
}

function clientIds(clients: ClientRecord[]): string[] {
  return clients.map((client) => client.clientId);
}
