import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { SamlCertificateRecord } from "../../domain/federation/samlCertificate.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.samlCertificates on every backend. */
export function samlCertificatesContract(name: string, open: OpenStore): void {
  describe(`SamlCertificateStore contract: ${name}`, () => {
    test("a pool has no certificate until one is added, then reads it back unchanged", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        assert.equal(await store.samlCertificates.get(poolId), undefined);
        const record = sampleCertificate(poolId);
        assert.equal(await store.samlCertificates.addIfAbsent(record), true);
        assert.deepEqual(await store.samlCertificates.get(poolId), record);
      }));

    test("a second certificate of a pool is not added: the first stays", () =>
      withStore(open, async (store) => {
        const poolId = await createPool(store);
        const first = sampleCertificate(poolId);
        await store.samlCertificates.addIfAbsent(first);
        assert.equal(await store.samlCertificates.addIfAbsent(sampleCertificate(poolId)), false);
        assert.deepEqual(await store.samlCertificates.get(poolId), first);
      }));

    test("each pool keeps its own, and deleting the pool removes it", () =>
      withStore(open, async (store) => {
        const [one, two] = [await createPool(store), await createPool(store)];
        const [first, second] = [sampleCertificate(one), sampleCertificate(two)];
        await store.samlCertificates.addIfAbsent(first);
        await store.samlCertificates.addIfAbsent(second);
        await store.pools.delete(one);
        assert.equal(await store.samlCertificates.get(one), undefined);
        assert.deepEqual(await store.samlCertificates.get(two), second);
      }));
  });
}

/** Distinct text per call: the store keeps what it is given and checks neither key nor certificate. */
function sampleCertificate(poolId: string): SamlCertificateRecord {
  const tag = randomBytes(8).toString("hex");
  return {
    poolId,
    privateKeyPem: `-----BEGIN PRIVATE KEY-----\n${tag}\n-----END PRIVATE KEY-----\n`,
    certificatePem: `-----BEGIN CERTIFICATE-----\n${tag}\n-----END CERTIFICATE-----\n`,
    createdAt: new Date("2024-07-01T12:00:00.123Z"),
  };
}
