import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ReadCache } from "./readCache.js";

function counter() {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
}

describe("ReadCache", () => {
  test("keeps a value while the watch's version and the own-write generation stay the same", async () => {
    let version = 1;
    const cache = new ReadCache<number>({ version: () => version }, 10);
    const source = counter();
    assert.equal(await cache.read("k", source.load), 1);
    assert.equal(await cache.read("k", source.load), 1);
    version = 2;
    assert.equal(await cache.read("k", source.load), 2, "another connection committed: read again");
    cache.invalidate();
    assert.equal(await cache.read("k", source.load), 3, "an own write: read again");
    assert.equal(source.loads(), 3);
  });

  test("without a watch every read loads", async () => {
    const cache = new ReadCache<number>(undefined, 10);
    const source = counter();
    await cache.read("k", source.load);
    await cache.read("k", source.load);
    assert.equal(source.loads(), 2);
  });

  test("a load overtaken by an own write is returned but not kept", async () => {
    const cache = new ReadCache<string>({ version: () => 1 }, 10);
    let release!: () => void;
    const slowLoad = () => new Promise<string>((resolve) => (release = () => resolve("before the write")));
    const reading = cache.read("k", slowLoad);
    cache.invalidate();
    release();
    assert.equal(await reading, "before the write");
    assert.equal(await cache.read("k", async () => "after the write"), "after the write");
  });

  test("holds at most its capacity, dropping the oldest key", async () => {
    const cache = new ReadCache<string>({ version: () => 1 }, 2);
    for (const key of ["a", "b", "c"]) await cache.read(key, async () => `${key}1`);
    assert.equal(await cache.read("a", async () => "a2"), "a2");
    assert.equal(await cache.read("c", async () => "c2"), "c1");
  });
});
