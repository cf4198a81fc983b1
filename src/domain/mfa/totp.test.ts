import { test } from "node:test";
import assert from "node:assert/strict";
import { base32Decode, base32Encode, matchingTotpStep, newTotpSecret, totpCode, totpStep } from "./totp.js";

// RFC 6238 appendix B, SHA-1 rows: the shared secret is the ASCII string "12345678901234567890".
const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

test("RFC 6238 test vectors (SHA-1, 8 digits), and 6 digits are their last six", () => {
  for (const [seconds, code] of RFC_VECTORS) {
    const step = totpStep(new Date(seconds * 1000));
    assert.equal(totpCode(RFC_SECRET, step, 8), code, `T=${seconds}`);
    assert.equal(totpCode(RFC_SECRET, step), code.slice(2), `T=${seconds}`);
  }
});

test("base32 round-trips and matches RFC 4648's examples", () => {
  assert.equal(base32Encode(Buffer.from("foobar")), "MZXW6YTBOI");
  assert.deepEqual(base32Decode("MZXW6YTBOI======"), Buffer.from("foobar"));
  assert.deepEqual(base32Decode("mzxw6ytboi"), Buffer.from("foobar"));
  assert.deepEqual(base32Decode(base32Encode(RFC_SECRET)), RFC_SECRET);
  assert.throws(() => base32Decode("MZ1"), RangeError);
});

test("a new secret is 32 base32 characters from the injected randomness", () => {
  const secret = newTotpSecret({ bytes: (length) => Buffer.alloc(length, 0xff), uuid: () => "" });
  assert.equal(secret, "7".repeat(32));
});

test("a code matches its own step and one step either side, never an older or already used one", () => {
  const secret = base32Encode(RFC_SECRET);
  const at = new Date(1111111111 * 1000);
  const now = totpStep(at);
  const codeOf = (step: number) => totpCode(RFC_SECRET, step);
  assert.equal(matchingTotpStep(secret, codeOf(now), at, undefined), now);
  assert.equal(matchingTotpStep(secret, codeOf(now - 1), at, undefined), now - 1);
  assert.equal(matchingTotpStep(secret, codeOf(now + 1), at, undefined), now + 1);
  assert.equal(matchingTotpStep(secret, codeOf(now - 2), at, undefined), undefined);
  assert.equal(matchingTotpStep(secret, codeOf(now + 2), at, undefined), undefined);
  assert.equal(matchingTotpStep(secret, codeOf(now), at, now), undefined);
  assert.equal(matchingTotpStep(secret, codeOf(now + 1), at, now), now + 1);
  assert.equal(matchingTotpStep(secret, "12345", at, undefined), undefined);
  assert.equal(matchingTotpStep(secret, "abcdef", at, undefined), undefined);
});
