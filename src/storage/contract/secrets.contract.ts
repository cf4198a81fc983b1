import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { Kysely } from "kysely";
import type { ClientRecord } from "../../domain/clients/types.js";
import type { SigningKeyRecord } from "../../domain/tokens/keys.js";
import type { UserRecord } from "../../domain/users/types.js";
import { StorageSecretError } from "../../domain/ports/errors.js";
import { openSqlDatabase, openStore, rotateMasterKey } from "../open.js";
import { masterKeyId } from "../secrets.js";
import type { Database } from "../sql/schema.js";
import type { Store } from "../../domain/ports/store.js";
import { sampleKey } from "./keys.contract.js";
import { createPool, sampleUser } from "./fixtures.js";

/** An empty database of its own (a database setting for openStore), removed by `drop`. */
export interface ScratchDatabase {
  db: string;
  drop(): Promise<void>;
}

/**
 * Secrets at rest on every backend: signing private keys, SRP verifiers, client secrets and TOTP secrets.
 * Rotation rewrites every row of a database, so each test gets a database of its own.
 */
export function secretsContract(name: string, newDatabase: () => Promise<ScratchDatabase>): void {
  async function withDatabase(fn: (db: string) => Promise<void>): Promise<void> {
    const scratch = await newDatabase();
    try {
      await fn(scratch.db);
    } finally {
      await scratch.drop();
    }
  }

  describe(`Secrets at rest: ${name}`, () => {
    test("with a master key the secrets are stored encrypted under its key id and read back as plaintext", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, keyA, seed);
        const raw = await rawSecrets(db, seeded);
        const sealedPrefix = `enc:v1:${masterKeyId(keyA)}:`;
        for (const value of sealedValues(raw)) assert.ok(value.startsWith(sealedPrefix), value);
        assertHoldsNoPlaintext(raw, seeded);
        // The argon2id hash and the SRP salt are not secrets worth sealing: they stay readable.
        assert.equal(raw.password.hash, seeded.user.password?.hash);
        assert.equal(raw.password.srpSalt, seeded.user.password?.srpSalt);
        await withStoreOn(db, keyA, (store) => assertReadsPlaintext(store, seeded));
      }));

    test("the same secret stored twice is encrypted differently", () =>
      withDatabase(async (db) => {
        const poolId = await withStoreOn(db, keyA, async (store) => {
          const id = await createPool(store);
          for (const client of [sampleClient(id, "the-same-secret"), sampleClient(id, "the-same-secret")]) await store.clients.create(client);
          return id;
        });
        const stored = await withRaw(db, (raw) => raw.selectFrom("app_clients").select("secret").where("pool_id", "=", poolId).execute());
        assert.equal(stored.length, 2);
        assert.notEqual(stored[0]?.secret, stored[1]?.secret);
      }));

    test("without a master key the secrets are stored as plaintext", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, undefined, seed);
        const raw = await rawSecrets(db, seeded);
        assert.equal(raw.privateKeyPem, seeded.key.privateKeyPem);
        assert.equal(raw.srpVerifier, seeded.user.password?.srpVerifier);
        assert.equal(raw.clientSecret, seeded.client.secrets[0]?.value);
        assert.equal(raw.secondClientSecret, seeded.client.secrets[1]?.value);
        await withStoreOn(db, undefined, (store) => assertReadsPlaintext(store, seeded));
      }));

    test("secrets written before a master key was set still read once one is, and new ones are encrypted", () =>
      withDatabase(async (db) => {
        const before = await withStoreOn(db, undefined, seed);
        const after = await withStoreOn(db, keyA, async (store) => {
          await assertReadsPlaintext(store, before);
          return seed(store);
        });
        assert.equal((await rawSecrets(db, before)).privateKeyPem, before.key.privateKeyPem);
        assert.ok((await rawSecrets(db, after)).privateKeyPem.startsWith(`enc:v1:${masterKeyId(keyA)}:`));
        await withStoreOn(db, keyA, (store) => assertReadsPlaintext(store, after));
      }));

    test("a store with another master key, or none, fails to read an encrypted secret, naming its key id", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, keyA, seed);
        for (const [key, message] of [
          [keyB, `a stored secret is encrypted with master key ${masterKeyId(keyA)}, not with the configured master key ${masterKeyId(keyB)}`],
          [undefined, `a stored secret is encrypted with master key ${masterKeyId(keyA)}, but no master key is configured`],
        ] as const) {
          await withStoreOn(db, key, async (store) => {
            const expected = { name: "StorageSecretError", message };
            await assert.rejects(store.keys.list(seeded.poolId), expected);
            await assert.rejects(store.users.getByUsernameKey(seeded.poolId, seeded.user.usernameKey), expected);
            await assert.rejects(store.users.list(seeded.poolId, undefined, { limit: 10 }), expected);
            await assert.rejects(store.groups.listMembers(seeded.poolId, seeded.groupName, { limit: 10 }), expected);
            await assert.rejects(store.clients.get(seeded.poolId, seeded.client.clientId), expected);
            await assert.rejects(store.clients.findById(seeded.client.clientId), expected);
            // Records holding no secret read as before.
            const withoutPassword = await store.users.getByUsernameKey(seeded.poolId, seeded.userWithoutPassword.usernameKey);
            assert.equal(withoutPassword?.username, seeded.userWithoutPassword.username);
            assert.deepEqual(await store.clients.get(seeded.poolId, seeded.clientWithoutSecret.clientId), seeded.clientWithoutSecret);
          });
        }
      }));

    test("a tampered ciphertext fails authentication with StorageSecretError", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, keyA, seed);
        const raw = await rawSecrets(db, seeded);
        await withRaw(db, async (database) => {
          await database
            .updateTable("signing_keys")
            .set({ private_key_pem: flipLastByte(raw.privateKeyPem) })
            .where("kid", "=", seeded.key.kid)
            .execute();
          await database
            .updateTable("app_clients")
            .set({ secret: flipFirstCiphertextByte(raw.clientSecret) })
            .where("client_id", "=", seeded.client.clientId)
            .execute();
          await database
            .updateTable("users")
            .set({ password: JSON.stringify({ ...raw.password, srpVerifier: flipFirstCiphertextByte(raw.srpVerifier) }) })
            .where("pool_id", "=", seeded.poolId)
            .where("username", "=", seeded.user.username)
            .execute();
        });
        await withStoreOn(db, keyA, async (store) => {
          const expected = {
            name: "StorageSecretError",
            message: `a stored secret encrypted with master key ${masterKeyId(keyA)} failed authentication: it was altered or corrupted`,
          };
          await assert.rejects(store.keys.list(seeded.poolId), expected);
          await assert.rejects(store.clients.get(seeded.poolId, seeded.client.clientId), expected);
          await assert.rejects(store.users.getByUsernameKey(seeded.poolId, seeded.user.usernameKey), expected);
        });
      }));

    test("rotating from no key to a key encrypts every secret, batch after batch, and only that key reads them", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, undefined, (store) => seedMany(store, 3));
        assert.deepEqual(await rotateMasterKey(db, undefined, keyA, { batchSize: 2 }), { reencrypted: 15 });
        for (const one of seeded) {
          const raw = await rawSecrets(db, one);
          for (const value of sealedValues(raw)) assert.ok(value.startsWith(`enc:v1:${masterKeyId(keyA)}:`));
          assertHoldsNoPlaintext(raw, one);
        }
        await withStoreOn(db, keyA, async (store) => {
          for (const one of seeded) await assertReadsPlaintext(store, one);
        });
        await withStoreOn(db, undefined, (store) => assert.rejects(store.keys.list(seeded[0]?.poolId ?? ""), StorageSecretError));
      }));

    test("rotating from one key to another re-encrypts every secret: the new key reads them, the old one no longer does", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, keyA, (store) => seedMany(store, 2));
        assert.deepEqual(await rotateMasterKey(db, keyA, keyB, { batchSize: 2 }), { reencrypted: 10 });
        for (const one of seeded) {
          const raw = await rawSecrets(db, one);
          for (const value of sealedValues(raw)) assert.ok(value.startsWith(`enc:v1:${masterKeyId(keyB)}:`));
        }
        await withStoreOn(db, keyB, async (store) => {
          for (const one of seeded) await assertReadsPlaintext(store, one);
        });
        await withStoreOn(db, keyA, async (store) => {
          for (const one of seeded) {
            await assert.rejects(store.keys.list(one.poolId), StorageSecretError);
            await assert.rejects(store.clients.get(one.poolId, one.client.clientId), StorageSecretError);
            await assert.rejects(store.users.getByUsernameKey(one.poolId, one.user.usernameKey), StorageSecretError);
          }
        });
      }));

    test("rotation re-encrypts plaintext left from before the old key along with the old key's values", () =>
      withDatabase(async (db) => {
        const plaintext = await withStoreOn(db, undefined, seed);
        const sealed = await withStoreOn(db, keyA, seed);
        assert.deepEqual(await rotateMasterKey(db, keyA, keyB), { reencrypted: 10 });
        await withStoreOn(db, keyB, async (store) => {
          await assertReadsPlaintext(store, plaintext);
          await assertReadsPlaintext(store, sealed);
        });
        assert.ok((await rawSecrets(db, plaintext)).srpVerifier.startsWith(`enc:v1:${masterKeyId(keyB)}:`));
      }));

    test("running a rotation again re-encrypts nothing and leaves every stored value as it was", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, undefined, seed);
        await rotateMasterKey(db, undefined, keyA);
        const once = await rawSecrets(db, seeded);
        assert.deepEqual(await rotateMasterKey(db, undefined, keyA), { reencrypted: 0 });
        assert.deepEqual(await rotateMasterKey(db, keyB, keyA), { reencrypted: 0 });
        assert.deepEqual(await rawSecrets(db, seeded), once);
        await withStoreOn(db, keyA, (store) => assertReadsPlaintext(store, seeded));
      }));

    test("rotation stops at a secret encrypted with neither key, naming its key id, and changes nothing in that batch", () =>
      withDatabase(async (db) => {
        const seeded = await withStoreOn(db, keyA, seed);
        const before = await rawSecrets(db, seeded);
        const keyC = randomBytes(32);
        await assert.rejects(rotateMasterKey(db, keyC, keyB), {
          name: "StorageSecretError",
          message:
            `a stored secret is encrypted with master key ${masterKeyId(keyA)}, which is neither the key to rotate from ` +
            `(${masterKeyId(keyC)}) nor the new key ${masterKeyId(keyB)}`,
        });
        await assert.rejects(
          rotateMasterKey(db, undefined, keyB),
          new RegExp(`master key ${masterKeyId(keyA)}, which is neither the key to rotate from \\(none given\\)`),
        );
        assert.deepEqual(await rawSecrets(db, seeded), before);
      }));
  });
}

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);

/** One pool holding one secret of each kind, and records without secrets beside them. */
interface Seeded {
  poolId: string;
  key: SigningKeyRecord;
  user: UserRecord;
  userWithoutPassword: UserRecord;
  groupName: string;
  client: ClientRecord;
  clientWithoutSecret: ClientRecord;
}

async function seed(store: Store): Promise<Seeded> {
  const poolId = await createPool(store);
  const key = sampleKey(poolId, "id");
  const user = sampleUser(poolId, {
    password: {
      hash: `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString("base64")}$${randomBytes(32).toString("base64")}`,
      srpSalt: randomBytes(16).toString("hex"),
      srpVerifier: randomBytes(384).toString("hex"),
      temporary: false,
      setAt: new Date("2024-07-01T00:00:00.001Z"),
    },
    mfa: {
      enabled: ["SOFTWARE_TOKEN_MFA"],
      preferred: "SOFTWARE_TOKEN_MFA",
      softwareToken: { secret: base32Secret(), friendlyDeviceName: "phone", lastUsedStep: 57_000_000 },
      pendingSoftwareTokenSecret: base32Secret(),
    },
  });
  const userWithoutPassword = sampleUser(poolId);
  const groupName = "members";
  // Two secrets, as while one is being rotated: both columns hold one.
  const client = sampleClient(poolId, randomBytes(26).toString("hex"), randomBytes(20).toString("hex"));
  const clientWithoutSecret = sampleClient(poolId);
  assert.equal(await store.keys.addIfNoActive(key), true);
  await store.users.create(user);
  await store.users.create(userWithoutPassword);
  await store.groups.create({
    poolId,
    name: groupName,
    createdAt: new Date("2024-07-01T00:00:00.001Z"),
    lastModifiedAt: new Date("2024-07-01T00:00:00.001Z"),
  });
  await store.groups.addMember(poolId, groupName, user.username);
  await store.clients.create(client);
  await store.clients.create(clientWithoutSecret);
  return { poolId, key, user, userWithoutPassword, groupName, client, clientWithoutSecret };
}

async function seedMany(store: Store, pools: number): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  for (let i = 0; i < pools; i++) seeded.push(await seed(store));
  return seeded;
}

function sampleClient(poolId: string, ...secrets: string[]): ClientRecord {
  return {
    poolId,
    clientId: randomBytes(13).toString("hex"),
    name: "secret client",
    secrets: secrets.map((value, index) => ({ value, createdAt: new Date(Date.UTC(2024, 6, 1, index)) })),
    createdAt: new Date("2024-07-01T00:00:00.001Z"),
    lastModifiedAt: new Date("2024-07-01T00:00:00.001Z"),
    config: {},
  };
}

async function withStoreOn<T>(db: string, masterKey: Buffer | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(db, masterKey === undefined ? {} : { masterKey });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function withRaw<T>(db: string, fn: (raw: Kysely<Database>) => Promise<T>): Promise<T> {
  const raw = await openSqlDatabase(db);
  try {
    return await fn(raw);
  } finally {
    await raw.destroy();
  }
}

interface RawSecrets {
  privateKeyPem: string;
  /** The whole password column, parsed. */
  password: { hash: string; srpSalt: string; srpVerifier: string };
  passwordColumn: string;
  srpVerifier: string;
  clientSecret: string;
  mfaColumn: string;
  totpSecret: string;
  pendingTotpSecret: string;
  secondClientSecret: string;
}

/** The seeded secrets as the database holds them, read past the store. */
function rawSecrets(db: string, seeded: Seeded): Promise<RawSecrets> {
  return withRaw(db, async (raw) => {
    const key = await raw.selectFrom("signing_keys").select("private_key_pem").where("kid", "=", seeded.key.kid).executeTakeFirstOrThrow();
    const user = await raw
      .selectFrom("users")
      .select(["password", "mfa"])
      .where("pool_id", "=", seeded.poolId)
      .where("username", "=", seeded.user.username)
      .executeTakeFirstOrThrow();
    const client = await raw
      .selectFrom("app_clients")
      .select(["secret", "second_secret"])
      .where("client_id", "=", seeded.client.clientId)
      .executeTakeFirstOrThrow();
    assert.ok(user.password !== null && client.secret !== null && client.second_secret !== null && user.mfa !== null);
    const password = JSON.parse(user.password) as RawSecrets["password"];
    const mfa = JSON.parse(user.mfa) as { softwareToken: { secret: string }; pendingSoftwareTokenSecret: string };
    return {
      privateKeyPem: key.private_key_pem,
      password,
      passwordColumn: user.password,
      srpVerifier: password.srpVerifier,
      clientSecret: client.secret,
      mfaColumn: user.mfa,
      totpSecret: mfa.softwareToken.secret,
      pendingTotpSecret: mfa.pendingSoftwareTokenSecret,
      secondClientSecret: client.second_secret,
    };
  });
}

/** Every sealed secret of the seeded records: one value per column, and each TOTP secret in the MFA column. */
function sealedValues(raw: RawSecrets): string[] {
  return [raw.privateKeyPem, raw.srpVerifier, raw.clientSecret, raw.secondClientSecret, raw.totpSecret, raw.pendingTotpSecret];
}

function assertHoldsNoPlaintext(raw: RawSecrets, seeded: Seeded): void {
  const pemBody = seeded.key.privateKeyPem.split("\n")[1] ?? "";
  assert.equal(raw.privateKeyPem.includes("-----BEGIN"), false);
  assert.equal(raw.privateKeyPem.includes(pemBody), false);
  assert.equal(raw.passwordColumn.includes(seeded.user.password?.srpVerifier ?? "missing"), false);
  assert.equal(raw.clientSecret.includes(seeded.client.secrets[0]?.value ?? "missing"), false);
  assert.equal(raw.secondClientSecret.includes(seeded.client.secrets[1]?.value ?? "missing"), false);
  assert.equal(raw.mfaColumn.includes(seeded.user.mfa?.softwareToken?.secret ?? "missing"), false);
  assert.equal(raw.mfaColumn.includes(seeded.user.mfa?.pendingSoftwareTokenSecret ?? "missing"), false);
}

/** A TOTP secret as AssociateSoftwareToken hands one out: 32 base32 characters. */
function base32Secret(): string {
  return Array.from(randomBytes(32), (byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[byte % 32]).join("");
}

async function assertReadsPlaintext(store: Store, seeded: Seeded): Promise<void> {
  assert.deepEqual(await store.keys.list(seeded.poolId), [seeded.key]);
  assert.deepEqual(await store.users.getByUsernameKey(seeded.poolId, seeded.user.usernameKey), seeded.user);
  assert.deepEqual(await store.users.getBySub(seeded.poolId, seeded.user.sub), seeded.user);
  assert.deepEqual(await store.users.getByUsernameKey(seeded.poolId, seeded.userWithoutPassword.usernameKey), seeded.userWithoutPassword);
  assert.deepEqual(
    (await store.users.list(seeded.poolId, undefined, { limit: 10 })).items.find((user) => user.username === seeded.user.username),
    seeded.user,
  );
  assert.deepEqual((await store.groups.listMembers(seeded.poolId, seeded.groupName, { limit: 10 })).items, [seeded.user]);
  assert.deepEqual(await store.clients.get(seeded.poolId, seeded.client.clientId), seeded.client);
  assert.deepEqual(await store.clients.findById(seeded.client.clientId), seeded.client);
  assert.deepEqual(await store.clients.get(seeded.poolId, seeded.clientWithoutSecret.clientId), seeded.clientWithoutSecret);
}

/** The sealed value with one bit of its GCM tag (its last byte) flipped. */
function flipLastByte(sealed: string): string {
  return flipByte(sealed, (bytes) => bytes.length - 1);
}

/** The sealed value with one bit of its first ciphertext byte flipped. */
function flipFirstCiphertextByte(sealed: string): string {
  return flipByte(sealed, () => 0);
}

function flipByte(sealed: string, index: (bytes: Buffer) => number): string {
  const parts = sealed.split(":");
  const bytes = Buffer.from(parts[4] ?? "", "base64");
  const at = index(bytes);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return [...parts.slice(0, 4), bytes.toString("base64")].join(":");
}
