import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import BetterSqlite3 from "better-sqlite3";
import type { UserPoolRecord } from "../../domain/pools/types.js";
import { auditContract } from "../contract/audit.contract.js";
import { authorizationCodesContract } from "../contract/authorizationCodes.contract.js";
import { clientsContract } from "../contract/clients.contract.js";
import { codesContract } from "../contract/codes.contract.js";
import { createPool, sampleUser } from "../contract/fixtures.js";
import { domainsContract } from "../contract/domains.contract.js";
import { groupsContract } from "../contract/groups.contract.js";
import { logDeliveryContract } from "../contract/logDelivery.contract.js";
import { replicasContract } from "../contract/replicas.contract.js";
import { authEventsContract } from "../contract/authEvents.contract.js";
import { riskConfigurationsContract } from "../contract/riskConfigurations.contract.js";
import { samlCertificatesContract } from "../contract/samlCertificates.contract.js";
import { keysContract } from "../contract/keys.contract.js";
import { outboxContract } from "../contract/outbox.contract.js";
import { rateLimitsContract } from "../contract/rateLimits.contract.js";
import { refreshTokensContract } from "../contract/refreshTokens.contract.js";
import { resourceServersContract } from "../contract/resourceServers.contract.js";
import { identityProvidersContract } from "../contract/identityProviders.contract.js";
import { minutesAfterT0, revocationsContract } from "../contract/revocations.contract.js";
import { secretsContract } from "../contract/secrets.contract.js";
import { sessionsContract } from "../contract/sessions.contract.js";
import { signInFailuresContract } from "../contract/signInFailures.contract.js";
import { storeContract } from "../contract/store.contract.js";
import { sweepContract } from "../contract/sweep.contract.js";
import { termsContract } from "../contract/terms.contract.js";
import { userImportJobsContract } from "../contract/userImportJobs.contract.js";
import { brandingContract } from "../contract/branding.contract.js";
import { webAuthnCredentialsContract } from "../contract/webAuthnCredentials.contract.js";
import { devicesContract } from "../contract/devices.contract.js";
import { federatedLinksContract } from "../contract/federatedLinks.contract.js";
import { usersContract } from "../contract/users.contract.js";
import { openSqliteStore } from "./index.js";

const openInMemory = () => openSqliteStore(":memory:");
storeContract("sqlite in memory", openInMemory);
clientsContract("sqlite in memory", openInMemory);
usersContract("sqlite in memory", openInMemory);
groupsContract("sqlite in memory", openInMemory);
domainsContract("sqlite in memory", openInMemory);
resourceServersContract("sqlite in memory", openInMemory);
identityProvidersContract("sqlite in memory", openInMemory);
authorizationCodesContract("sqlite in memory", openInMemory);
outboxContract("sqlite in memory", openInMemory);
signInFailuresContract("sqlite in memory", openInMemory);
sessionsContract("sqlite in memory", openInMemory);
keysContract("sqlite in memory", openInMemory);
refreshTokensContract("sqlite in memory", openInMemory);
codesContract("sqlite in memory", openInMemory);
revocationsContract("sqlite in memory", openInMemory);
rateLimitsContract("sqlite in memory", openInMemory);
auditContract("sqlite in memory", openInMemory);
sweepContract("sqlite in memory", openInMemory);
termsContract("sqlite in memory", openInMemory);
userImportJobsContract("sqlite in memory", openInMemory);
brandingContract("sqlite in memory", openInMemory);
webAuthnCredentialsContract("sqlite in memory", openInMemory);
devicesContract("sqlite in memory", openInMemory);
federatedLinksContract("sqlite in memory", openInMemory);
logDeliveryContract("sqlite in memory", openInMemory);
riskConfigurationsContract("sqlite in memory", openInMemory);
replicasContract("sqlite in memory", openInMemory);
authEventsContract("sqlite in memory", openInMemory);
samlCertificatesContract("sqlite in memory", openInMemory);

// The stores holding secrets behave the same when those are encrypted at rest.
const openEncryptedInMemory = () => openSqliteStore(":memory:", { masterKey: randomBytes(32) });
clientsContract("sqlite in memory, master key set", openEncryptedInMemory);
usersContract("sqlite in memory, master key set", openEncryptedInMemory);
groupsContract("sqlite in memory, master key set", openEncryptedInMemory);
keysContract("sqlite in memory, master key set", openEncryptedInMemory);
sessionsContract("sqlite in memory, master key set", openEncryptedInMemory);
codesContract("sqlite in memory, master key set", openEncryptedInMemory);
outboxContract("sqlite in memory, master key set", openEncryptedInMemory);
sweepContract("sqlite in memory, master key set", openEncryptedInMemory);
samlCertificatesContract("sqlite in memory, master key set", openEncryptedInMemory);

secretsContract("sqlite", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cognate-secrets-"));
  return { db: `sqlite:${join(dir, "cognate.db")}`, drop: () => rm(dir, { recursive: true, force: true }) };
});

describe("SQLite store on a file", () => {
  test("two stores on one file read each other's pool changes and clock moves at once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cognate-sqlite-"));
    const path = join(dir, "cognate.db");
    const a = await openSqliteStore(path);
    const b = await openSqliteStore(path);
    try {
      const poolId = await createPool(a);
      const pool = (await a.pools.get(poolId))!;
      assert.equal((await b.pools.get(poolId))?.name, pool.name);
      assert.equal(await a.settings.clockOffsetSeconds(), 0);

      await b.pools.update({ ...pool, name: "renamed by b", config: { ...pool.config, MfaConfiguration: "OPTIONAL" } });
      await b.settings.advanceClock(90);
      const seenByA = await a.pools.get(poolId);
      assert.equal(seenByA?.name, "renamed by b");
      assert.equal(seenByA?.config.MfaConfiguration, "OPTIONAL");
      assert.equal(await a.settings.clockOffsetSeconds(), 90);

      // User counts are kept between reads too: b's users count in a's next count.
      assert.equal(await a.users.count(poolId), 0);
      await b.users.create(sampleUser(poolId));
      assert.equal(await a.users.count(poolId), 1);
      await b.users.createMany([sampleUser(poolId), sampleUser(poolId)]);
      assert.equal(await a.users.count(poolId), 3);

      await a.pools.delete(poolId);
      assert.equal(await b.pools.get(poolId), undefined);
    } finally {
      await a.close();
      await b.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

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

  test("revoking an origin again keeps the later of the two expiries", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cognate-sqlite-"));
    try {
      const path = join(dir, "cognate.db");
      const store = await openSqliteStore(path);
      const poolId = await createPool(store);
      await store.revocations.revokeOrigin(poolId, "shortened", minutesAfterT0(60));
      await store.revocations.revokeOrigin(poolId, "shortened", minutesAfterT0(30));
      await store.revocations.revokeOrigin(poolId, "extended", minutesAfterT0(30));
      await store.revocations.revokeOrigin(poolId, "extended", minutesAfterT0(60));
      await store.close();

      const raw = new BetterSqlite3(path, { readonly: true });
      try {
        const rows = raw.prepare("select origin_jti, expires_at from revoked_origins order by origin_jti").all();
        assert.deepEqual(rows, [
          { origin_jti: "extended", expires_at: minutesAfterT0(60).getTime() },
          { origin_jti: "shortened", expires_at: minutesAfterT0(60).getTime() },
        ]);
      } finally {
        raw.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
