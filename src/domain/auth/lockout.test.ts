import { test } from "node:test";
import assert from "node:assert/strict";
import { lockedUntil } from "./lockout.js";

const now = new Date("2026-03-01T12:00:00Z");
const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

test("no lock before the fifth failure", () => {
  assert.equal(lockedUntil(undefined, now), undefined);
  assert.equal(lockedUntil({ count: 4, lastFailureAt: now }, now), undefined);
});

test("the n-th failure locks for 2^(n−5) seconds from that failure", () => {
  assert.deepEqual(lockedUntil({ count: 5, lastFailureAt: now }, now), secondsAfter(now, 1));
  assert.deepEqual(lockedUntil({ count: 6, lastFailureAt: now }, now), secondsAfter(now, 2));
  assert.deepEqual(lockedUntil({ count: 14, lastFailureAt: now }, now), secondsAfter(now, 512));
});

test("the lock is at most fifteen minutes", () => {
  assert.deepEqual(lockedUntil({ count: 15, lastFailureAt: now }, now), secondsAfter(now, 900));
  assert.deepEqual(lockedUntil({ count: 40, lastFailureAt: now }, now), secondsAfter(now, 900));
});

test("failures more than fifteen minutes old lock nothing", () => {
  const old = secondsAfter(now, -(15 * 60 + 1));
  assert.equal(lockedUntil({ count: 9, lastFailureAt: old }, now), undefined);
});
