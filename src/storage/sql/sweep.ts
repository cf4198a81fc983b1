import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "./schema.js";

/**
 * Deletes at most `limit` rows of `table` matching `condition`, in one statement (its own short transaction
 * outside one): the rows are chosen by their key in a bounded subquery and the condition is checked again
 * on delete, so a row another instance changed meanwhile (a bucket just used) stays. Several instances
 * sweeping at once delete each row once. Returns how many rows were deleted.
 */
export async function deleteBatch(
  db: Kysely<Database>,
  table: keyof Database,
  key: readonly string[],
  condition: RawBuilder<boolean>,
  limit: number,
): Promise<number> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`batch limit ${limit} is not a positive integer`);
  const columns = sql.join(key.map((column) => sql.ref(column)));
  const result = await sql`
    delete from ${sql.table(table)}
    where ${condition} and (${columns}) in (select ${columns} from ${sql.table(table)} where ${condition} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
