const MAX_CODE_POINT = 0x10ffff;
const LAST_BEFORE_SURROGATES = 0xd7ff;
const FIRST_AFTER_SURROGATES = 0xe000;

/**
 * The string with every lone surrogate replaced by U+FFFD. Values the store compares (filter and alias columns,
 * and what they are compared with) go through this on both dialects: PostgreSQL's driver writes a lone
 * surrogate as U+FFFD while SQLite's keeps its bytes, and equal behaviour matters more than keeping malformed
 * text. Well-formed strings are returned unchanged.
 */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udfff]/gu, "\ufffd");
}

/**
 * The half-open range [from, before) of strings starting with `prefix`, in code point order (the byte order
 * of UTF-8, in which both dialects compare the filter columns). `before` is the least string above every
 * string with the prefix: the prefix with its last code point incremented, after dropping trailing U+10FFFF
 * (nothing follows it); undefined when nothing is above, as for "" or "\u{10FFFF}".
 */
export function prefixRange(prefix: string): { from: string; before: string | undefined } {
  const from = wellFormed(prefix);
  const codePoints = Array.from(from, (char) => char.codePointAt(0) ?? 0);
  while (codePoints.length > 0) {
    const last = codePoints.pop() ?? MAX_CODE_POINT;
    if (last === MAX_CODE_POINT) continue;
    const next = last === LAST_BEFORE_SURROGATES ? FIRST_AFTER_SURROGATES : last + 1;
    return { from, before: String.fromCodePoint(...codePoints, next) };
  }
  return { from, before: undefined };
}
