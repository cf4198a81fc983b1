import { sql, type Kysely } from "kysely";
import type { RateLimitStore } from "../../domain/ports/store.js";
import type { SqlDialect } from "./dialect.js";
import type { Database } from "./schema.js";
import { deleteBatch } from "./sweep.js";

export class SqlRateLimitStore implements RateLimitStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async provisioned(region: string): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom("provisioned_limits").select(["category", "rate"]).where("region", "=", region).execute();
    return Object.fromEntries(rows.map((row) => [row.category, Number(row.rate)]));
  }

  async setProvisioned(region: string, category: string, rate: number): Promise<void> {
    if (!Number.isSafeInteger(rate) || rate < 0) throw new RangeError(`invalid provisioned rate ${rate}`);
    await this.db
      .insertInto("provisioned_limits")
      .values({ region, category, rate })
      .onConflict((conflict) => conflict.columns(["region", "category"]).doUpdateSet({ rate }))
      .execute();
  }

  async take(bucket: string, ratePerSecond: number, capacity: number, now: Date): Promise<boolean> {
    if (!(Number.isFinite(ratePerSecond) && ratePerSecond >= 0)) throw new RangeError(`invalid refill rate ${ratePerSecond}`);
    if (!(Number.isFinite(capacity) && capacity >= 1)) throw new RangeError(`invalid bucket capacity ${capacity}`);
    const nowMs = now.getTime();
    if (Number.isNaN(nowMs)) throw new RangeError("invalid time");
    const { least, greatest } = this.dialect;
    const tokens = sql.ref<number>("rate_limit_buckets.tokens");
    const updatedAt = sql.ref<number>("rate_limit_buckets.updated_at");
    const nowValue = sql<number>`cast(${nowMs} as bigint)`;
    // A clock that went backwards (another instance's, or a corrected one) refills nothing, and the bucket
    // keeps its later time so that the same interval is never credited twice.
    const elapsedMs = greatest(sql<number>`${nowValue} - ${updatedAt}`, sql<number>`0`);
    // Multiplying before dividing keeps whole refills exact (1000 ms × 2/s / 1000 is exactly 2).
    const refilled = least(
      sql<number>`${tokens} + cast(${elapsedMs} as double precision) * ${double(ratePerSecond)} / 1000`,
      double(capacity),
    );
    // One upsert statement, so one round trip, atomic on both databases and across instances: a new bucket
    // starts full and gives its first token; an existing one is refilled and gives a token only if it then
    // holds a whole one. No row returned means the update's condition failed: nothing changes, no token.
    const row = await this.db
      .insertInto("rate_limit_buckets")
      .values({ bucket, tokens: capacity - 1, updated_at: nowMs })
      .onConflict((conflict) =>
        conflict
          .column("bucket")
          .doUpdateSet({ tokens: sql<number>`${refilled} - 1`, updated_at: greatest(updatedAt, nowValue) })
          .where(sql<boolean>`${refilled} >= 1`),
      )
      .returning("tokens")
      .executeTakeFirst();
    return row !== undefined;
  }

  deleteIdle(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "rate_limit_buckets", ["bucket"], sql<boolean>`updated_at < ${before.getTime()}`, limit);
  }
}

/** A number parameter typed double precision on both databases (PostgreSQL would otherwise infer integer). */
function double(value: number) {
  return sql<number>`cast(${value} as double precision)`;
}
