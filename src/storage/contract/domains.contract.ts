import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { UserPoolDomainRecord } from "../../domain/domains/types.js";
import { StorageConflictError } from "../../domain/ports/errors.js";
import type { Store } from "../../domain/ports/store.js";
import { createPool, withStore, type OpenStore } from "./fixtures.js";

/** The behaviour of Store.domains on every backend. */
export function domainsContract(name: string, open: OpenStore): void {
  describe(`DomainStore contract: ${name}`, () => {
    test("a prefix domain and a custom domain read back unchanged, by name and by pool", () =>
      withStore(open, async (store) => {
        const prefix = await sampleDomain(store);
        const custom = await sampleDomain(store, {
          domain: `auth.${randomBytes(4).toString("hex")}.example.com`,
          customDomain: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc", securityPolicy: "TLS_V1_2_2021" },
          managedLoginVersion: 2,
        });
        for (const domain of [prefix, custom]) {
          await store.domains.create(domain);
          assert.deepEqual(await store.domains.get(domain.region, domain.domain), domain);
          assert.deepEqual(await store.domains.getForPool(domain.poolId), domain);
        }
      }));

    test("findCustom finds a custom domain by its name in any region, never a prefix domain", () =>
      withStore(open, async (store) => {
        const name = `auth.${randomBytes(4).toString("hex")}.example.com`;
        const custom = await sampleDomain(store, { domain: name, region: "eu-west-1", customDomain: { certificateArn: "arn:aws:acm:us-east-1:1:certificate/a" } });
        await store.domains.create(custom);
        assert.deepEqual(await store.domains.findCustom(name), custom);
        const prefix = await sampleDomain(store);
        await store.domains.create(prefix);
        assert.equal(await store.domains.findCustom(prefix.domain), undefined);
        assert.equal(await store.domains.findCustom(`other.${name}`), undefined);
      }));

    test("a name is unique within its region and a pool has one domain", () =>
      withStore(open, async (store) => {
        const domain = await sampleDomain(store);
        await store.domains.create(domain);
        const otherPool = await createPool(store);
        await assert.rejects(store.domains.create({ ...domain, poolId: otherPool }), StorageConflictError);
        await assert.rejects(store.domains.create({ ...domain, domain: `${domain.domain}-2` }), StorageConflictError);
        const elsewhere = { ...domain, region: "elsewhere-1", poolId: otherPool };
        await store.domains.create(elsewhere);
        assert.deepEqual(await store.domains.get("elsewhere-1", domain.domain), elsewhere);
        assert.deepEqual(await store.domains.get(domain.region, domain.domain), domain);
      }));

    test("update replaces the custom domain, version and lastModifiedAt; update and delete of a missing domain return false", () =>
      withStore(open, async (store) => {
        const domain = await sampleDomain(store, { customDomain: { certificateArn: "arn:aws:acm:us-east-1:1:certificate/a" } });
        await store.domains.create(domain);
        const changed: UserPoolDomainRecord = {
          ...domain,
          customDomain: { certificateArn: "arn:aws:acm:us-east-1:1:certificate/b" },
          managedLoginVersion: 2,
          lastModifiedAt: new Date("2025-01-01T00:00:00.001Z"),
        };
        assert.equal(await store.domains.update(changed), true);
        assert.deepEqual(await store.domains.get(domain.region, domain.domain), changed);
        assert.equal(await store.domains.delete(domain.region, domain.domain), true);
        assert.equal(await store.domains.get(domain.region, domain.domain), undefined);
        assert.equal(await store.domains.update(changed), false);
        assert.equal(await store.domains.delete(domain.region, domain.domain), false);
      }));

    test("deleting the pool removes its domain and frees the name", () =>
      withStore(open, async (store) => {
        const domain = await sampleDomain(store);
        await store.domains.create(domain);
        assert.equal(await store.pools.delete(domain.poolId), true);
        assert.equal(await store.domains.get(domain.region, domain.domain), undefined);
        const again = { ...domain, poolId: await createPool(store) };
        await store.domains.create(again);
        assert.deepEqual(await store.domains.get(domain.region, domain.domain), again);
      }));
  });
}

async function sampleDomain(store: Store, overrides: Partial<UserPoolDomainRecord> = {}): Promise<UserPoolDomainRecord> {
  const poolId = await createPool(store);
  const pool = await store.pools.get(poolId);
  return {
    domain: `prefix-${randomBytes(5).toString("hex")}`,
    region: pool!.region,
    poolId,
    managedLoginVersion: 1,
    createdAt: new Date("2024-07-01T00:00:00.001Z"),
    lastModifiedAt: new Date("2024-07-01T00:00:00.001Z"),
    ...overrides,
  };
}
