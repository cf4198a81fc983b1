/** One record of a CSV file: its fields, the line it starts on, and what is wrong with its quoting if anything. */
export interface CsvRecord {
  line: number;
  fields: string[];
  problem?: string;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BYTE_ORDER_MARK = 0xfeff;

/** Where the parser stands between two characters. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote seen inside a quoted field: the next character says whether it was escaped or closed the field. */
const QUOTE_IN_QUOTED = 3;

/**
 * Reads RFC 4180 CSV from text chunks as they arrive, never holding more than one chunk and one record:
 * fields separated by commas, records by CRLF, LF or CR; a field in double quotes may hold commas, line
 * breaks and doubled quotes (`""` for `"`). Yields the records completed by each chunk, together. Blank
 * lines are skipped, as is a leading byte-order mark. A record with a stray quote or an unclosed quoted field
 * is still yielded, with a `problem` saying so, and reading goes on with the next record.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let state = FIELD_START;
  let fields: string[] = [];
  let field = "";
  let problem: string | undefined;
  let line = 1;
  let recordLine = 1;
  let afterCr = false;
  let firstChunk = true;

  for await (const text of chunks) {
    const chunk = firstChunk && text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
    if (chunk.length > 0) firstChunk = false;
    const records: CsvRecord[] = [];
    const endRecord = (terminator: number) => {
      const blank = fields.length === 0 && field === "" && state === FIELD_START;
      if (!blank) {
        fields.push(field);
        records.push(problem === undefined ? { line: recordLine, fields } : { line: recordLine, fields, problem });
      }
      fields = [];
      field = "";
      problem = undefined;
      state = FIELD_START;
      line += 1;
      recordLine = line;
      afterCr = terminator === CR;
    };
    // Start of the current run of field characters not yet copied into `field`.
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      switch (state) {
        case QUOTED:
          if (c === QUOTE) {
            field += chunk.slice(start, i);
            state = QUOTE_IN_QUOTED;
          } else if (c === LF) {
            line += 1;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c === QUOTE) {
            field += '"';
            start = i + 1;
            state = QUOTED;
          } else if (c === COMMA) {
            fields.push(field);
            field = "";
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            endRecord(c);
          } else {
            problem ??= "a closing quote must be followed by a comma or the end of the line";
            start = i;
            state = UNQUOTED;
          }
          break;
        case FIELD_START:
          if (c === QUOTE) {
            start = i + 1;
            state = QUOTED;
            break;
          }
          if (c === LF || c === CR) {
            endRecord(c);
            break;
          }
          start = i;
          state = UNQUOTED;
        // falls through: the character starts an unquoted field
        case UNQUOTED:
          if (c === COMMA) {
            fields.push(field + chunk.slice(start, i));
            field = "";
            state = FIELD_START;
          } else if (c === LF || c === CR) {
            field += chunk.slice(start, i);
            endRecord(c);
          } else if (c === QUOTE) {
            problem ??= "a quote may appear only inside a field that starts with one";
          }
          break;
      }
    }
    if (state === UNQUOTED || state === QUOTED) field += chunk.slice(start);
    if (records.length > 0) yield records;
  }

  if (state === QUOTED) {
    fields.push(field);
    yield [{ line: recordLine, fields, problem: "a quoted field is not closed before the end of the file" }];
  } else if (state !== FIELD_START || fields.length > 0) {
    fields.push(field);
    yield [problem === undefined ? { line: recordLine, fields } : { line: recordLine, fields, problem }];
  }
}
