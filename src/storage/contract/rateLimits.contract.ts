import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import type { Store } from "../../domain/ports/store.js";
import { withStore, type OpenStore } from "./fixtures.js";

const T0 = new Date("2024-07-01T12:00:00.000Z");
export const msAfterT0 = (ms: number) => new Date(T0.getTime() + ms);

/** A bucket name no other test uses: PostgreSQL hands every test the same database. */
export const uniqueBucket = () => `bucket-${randomUUID()}`;

/** The results of `count` takes made one after another. */
async function takes(store: Store, count: number, bucket: string, rate: number, capacity: number, at: Date): Promise<boolean[]> {
  const results: boolean[] = [];
  for (let i = 0; i < count; i += 1) results.push(await store.rateLimits.take(bucket, rate, capacity, at));
  return results;
}

const granted = (n: number) => Array.from({ length: n }, () => true);

/** The behaviour of Store.rateLimits on every backend. */
export function rateLimitsContract(name: string, open: OpenStore): void {
  describe(`RateLimitStore contract: ${name}`, () => {
    test("provisioned rates are kept per region and category, and setting one again replaces it", () =>
      withStore(open, async (store) => {
        const region = `region-${randomUUID()}`;
        const other = `region-${randomUUID()}`;
        assert.deepEqual(await store.rateLimits.provisioned(region), {});
        await store.rateLimits.setProvisioned(region, "UserAuthentication", 200);
        await store.rateLimits.setProvisioned(region, "UserCreation", 60);
        await store.rateLimits.setProvisioned(other, "UserCreation", 70);
        await store.rateLimits.setProvisioned(region, "UserAuthentication", 250);
        assert.deepEqual(await store.rateLimits.provisioned(region), { UserAuthentication: 250, UserCreation: 60 });
        assert.deepEqual(await store.rateLimits.provisioned(other), { UserCreation: 70 });
      }));

    test("a new bucket of capacity 5 gives exactly 5 tokens at one instant, then none", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        assert.deepEqual(await takes(store, 7, bucket, 2, 5, T0), [...granted(5), false, false]);
      }));

    test("an empty bucket refilling at 2 per second gives 2 more tokens a second later", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await takes(store, 5, bucket, 2, 5, T0);
        assert.deepEqual(await takes(store, 3, bucket, 2, 5, msAfterT0(1000)), [true, true, false]);
      }));

    test("the refill counts milliseconds: 250 ms at 10 per second gives 2 tokens", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await takes(store, 10, bucket, 10, 10, T0);
        assert.deepEqual(await takes(store, 3, bucket, 10, 10, msAfterT0(250)), [true, true, false]);
      }));

    test("part of a token accumulates across refused takes until it is whole", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await takes(store, 1, bucket, 0.5, 1, T0);
        assert.equal(await store.rateLimits.take(bucket, 0.5, 1, msAfterT0(1000)), false);
        assert.equal(await store.rateLimits.take(bucket, 0.5, 1, msAfterT0(1999)), false);
        assert.equal(await store.rateLimits.take(bucket, 0.5, 1, msAfterT0(2000)), true);
        assert.equal(await store.rateLimits.take(bucket, 0.5, 1, msAfterT0(2000)), false);
      }));

    test("after a long idle the refill stops at the capacity", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await takes(store, 5, bucket, 2, 5, T0);
        assert.deepEqual(await takes(store, 6, bucket, 2, 5, msAfterT0(3_600_000)), [...granted(5), false]);
      }));

    test("a bucket refilling at rate 0 gives its capacity once", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        assert.deepEqual(await takes(store, 3, bucket, 0, 2, T0), [true, true, false]);
        assert.equal(await store.rateLimits.take(bucket, 0, 2, msAfterT0(86_400_000)), false);
      }));

    test("time going backwards adds no tokens, and the interval is not credited again when it returns", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        const later = msAfterT0(10_000);
        assert.deepEqual(await takes(store, 2, bucket, 1, 5, later), [true, true]);
        // Five seconds back: the 3 tokens left, and no more.
        assert.deepEqual(await takes(store, 4, bucket, 1, 5, msAfterT0(5000)), [true, true, true, false]);
        assert.equal(await store.rateLimits.take(bucket, 1, 5, later), false);
        assert.deepEqual(await takes(store, 2, bucket, 1, 5, msAfterT0(11_000)), [true, false]);
      }));

    test("an empty bucket stays empty an hour in the past", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await takes(store, 3, bucket, 1, 3, T0);
        assert.equal(await store.rateLimits.take(bucket, 1, 3, msAfterT0(-3_600_000)), false);
      }));

    test("buckets are independent: emptying one leaves another full", () =>
      withStore(open, async (store) => {
        const [emptied, untouched] = [uniqueBucket(), uniqueBucket()];
        assert.deepEqual(await takes(store, 4, emptied, 1, 3, T0), [...granted(3), false]);
        assert.deepEqual(await takes(store, 4, untouched, 1, 3, T0), [...granted(3), false]);
      }));

    test("of 10 concurrent takes on a bucket of capacity 5 exactly 5 get a token", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.rateLimits.take(bucket, 1, 5, T0)));
        assert.equal(results.filter(Boolean).length, 5);
      }));

    test("a rate below 0, a capacity below 1 or an invalid time is refused with a RangeError", () =>
      withStore(open, async (store) => {
        const bucket = uniqueBucket();
        await assert.rejects(store.rateLimits.take(bucket, -1, 5, T0), RangeError);
        await assert.rejects(store.rateLimits.take(bucket, Number.NaN, 5, T0), RangeError);
        await assert.rejects(store.rateLimits.take(bucket, 1, 0, T0), RangeError);
        await assert.rejects(store.rateLimits.take(bucket, 1, Number.POSITIVE_INFINITY, T0), RangeError);
        await assert.rejects(store.rateLimits.take(bucket, 1, 5, new Date(Number.NaN)), RangeError);
        assert.deepEqual(await takes(store, 6, bucket, 1, 5, T0), [...granted(5), false]);
      }));
  });
}
