import { triggersOff } from "../../src/domain/ports/triggers.js";
import { senderCodeCipher } from "../../src/api/triggers/senderCodes.js";
import { createPool, sampleUser } from "../../src/storage/contract/fixtures.js";
import type { Store } from "../../src/domain/ports/store.js";
import type { ClientConfig, ClientRecord } from "../../src/domain/clients/types.js";
import type { UserPoolRecord } from "../../src/domain/pools/types.js";
import { cryptoRandom } from "../../src/domain/random.js";
import type { UserRecord } from "../../src/domain/users/types.js";
import type { TokenDeps } from "../../src/domain/tokens/issue.js";

/** The instant the token tests sign in at, and times after it. */
export const signedInAt = new Date("2024-07-01T12:00:00.000Z");
export const later = (seconds: number) => new Date(signedInAt.getTime() + seconds * 1000);

/** What issuing tokens needs, on a store of the test's own. */
export function tokenDeps(store: Store): TokenDeps {
  return { store, random: cryptoRandom, tokenIssuer: "local", publicUrl: () => "http://cognate.test:9229", triggers: triggersOff, senderCodes: senderCodeCipher(undefined) };
}

/** A pool, an app client with the given settings and a user in it (sampleUser, then `customize`), written to the store. */
export async function poolClientAndUser(
  store: Store,
  config: ClientConfig = {},
  customize: (user: UserRecord) => UserRecord = (user) => user,
): Promise<{ pool: UserPoolRecord; client: ClientRecord; user: UserRecord }> {
  const pool = (await store.pools.get(await createPool(store)))!;
  const client: ClientRecord = {
    poolId: pool.id,
    clientId: cryptoRandom.bytes(13).toString("hex"),
    name: "app",
    secrets: [],
    createdAt: signedInAt,
    lastModifiedAt: signedInAt,
    config,
  };
  await store.clients.create(client);
  const created = customize(sampleUser(pool.id));
  await store.users.create(created);
  return { pool, client, user: created };
}
