import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { csvRecords, type CsvRecord } from "./importCsv.js";

async function parse(chunks: readonly string[]): Promise<CsvRecord[]> {
  async function* source() {
    yield* chunks;
  }
  const records: CsvRecord[] = [];
  for await (const batch of csvRecords(source())) records.push(...batch);
  return records;
}

/** The text cut into chunks of every size from 1 to its length, so each boundary falls everywhere once. */
async function parsedAtEverySplit(text: string): Promise<CsvRecord[]> {
  const whole = await parse([text]);
  for (let size = 1; size < text.length; size++) {
    const chunks: string[] = [];
    for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
    assert.deepEqual(await parse(chunks), whole, `chunks of ${size}`);
  }
  return whole;
}

describe("csvRecords", () => {
  test("reads quoted fields with commas, doubled quotes and line breaks, whatever the chunk boundaries", async () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,"" \n\nlast,"",end';
    assert.deepEqual(await parsedAtEverySplit(text), [
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", 'say "hi"', "two\r\nlines"] },
      { line: 4, fields: ["plain", "", " "], problem: "a closing quote must be followed by a comma or the end of the line" },
      { line: 6, fields: ["last", "", "end"] },
    ]);
  });

  test("ends records at LF, CRLF or a lone CR and skips blank lines", async () => {
    assert.deepEqual(await parsedAtEverySplit("a\rb\r\n\r\nc\n\nd\n"), [
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["b"] },
      { line: 4, fields: ["c"] },
      { line: 6, fields: ["d"] },
    ]);
  });

  test("reports a stray quote and an unclosed quoted field, and goes on reading", async () => {
    assert.deepEqual(await parsedAtEverySplit('a"b,c\nok\n"open,\nend'), [
      { line: 1, fields: ['a"b', "c"], problem: "a quote may appear only inside a field that starts with one" },
      { line: 2, fields: ["ok"] },
      { line: 3, fields: ["open,\nend"], problem: "a quoted field is not closed before the end of the file" },
    ]);
  });
});
