import { StorageInvalidCursorError } from "../../domain/ports/errors.js";
import type { Page, PageResult } from "../../domain/ports/store.js";

// Listings page by a `seq` column: rows created later get a higher seq and deleted rows leave no gap to fall
// into, so the cursor (the last returned seq) stays right while rows come and go.

/** The page limit, checked: a programming error, never a client's, when it is not a positive integer. */
export function pageLimit(page: Page): number {
  if (!Number.isSafeInteger(page.limit) || page.limit < 1) throw new RangeError(`page limit ${page.limit} is not a positive integer`);
  return page.limit;
}

/** The seq after which the page starts; undefined for the first page. */
export function pageAfter(page: Page): number | undefined {
  if (page.after === undefined) return undefined;
  const seq = /^\d{1,16}$/.test(page.after) ? Number(page.after) : Number.NaN;
  if (!Number.isSafeInteger(seq)) throw new StorageInvalidCursorError("the page cursor is not one this store returned");
  return seq;
}

/** Turns up to limit + 1 rows read in seq order into a page: the extra row only says that more remain. */
export function toPage<Row, Item>(rows: Row[], limit: number, seqOf: (row: Row) => number, toItem: (row: Row) => Item): PageResult<Item> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return rows.length > limit && last !== undefined
    ? { items: items.map(toItem), nextAfter: String(seqOf(last)) }
    : { items: items.map(toItem) };
}
