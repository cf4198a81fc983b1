import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { prefixRange, wellFormed } from "./codePointText.js";

describe("prefixRange", () => {
  test("increments the last character", () => {
    assert.deepEqual(prefixRange("abc"), { from: "abc", before: "abd" });
    assert.deepEqual(prefixRange("a%"), { from: "a%", before: "a&" });
  });

  test("increments a character outside the basic plane as one code point", () => {
    assert.deepEqual(prefixRange("x\u{1F600}"), { from: "x\u{1F600}", before: "x\u{1F601}" });
  });

  test("steps over the surrogate block, which UTF-8 cannot hold", () => {
    assert.deepEqual(prefixRange("a\ud7ff"), { from: "a\ud7ff", before: "a\ue000" });
  });

  test("drops trailing U+10FFFF and increments what precedes it", () => {
    assert.deepEqual(prefixRange("a\u{10FFFF}"), { from: "a\u{10FFFF}", before: "b" });
    assert.deepEqual(prefixRange("a\u{10FFFF}\u{10FFFF}"), { from: "a\u{10FFFF}\u{10FFFF}", before: "b" });
  });

  test("has no upper bound for the empty prefix or one made only of U+10FFFF", () => {
    assert.deepEqual(prefixRange(""), { from: "", before: undefined });
    assert.deepEqual(prefixRange("\u{10FFFF}\u{10FFFF}"), { from: "\u{10FFFF}\u{10FFFF}", before: undefined });
  });

  test("replaces lone surrogates with U+FFFD, as the filter columns hold them", () => {
    assert.deepEqual(prefixRange("a\ud800"), { from: "a\ufffd", before: "a\ufffe" });
    assert.deepEqual(prefixRange("\udc00b"), { from: "\ufffdb", before: "\ufffdc" });
  });
});

describe("wellFormed", () => {
  test("replaces each lone surrogate with U+FFFD and keeps pairs", () => {
    assert.equal(wellFormed("a\ud800b\udfff"), "a\ufffdb\ufffd");
    assert.equal(wellFormed("\udc00\ud800"), "\ufffd\ufffd");
    assert.equal(wellFormed("x\u{1F600}\ud83d"), "x\u{1F600}\ufffd");
  });
});
