import type { Kysely } from "kysely";
import type { SettingsStore } from "../../domain/ports/store.js";
import { ReadCache, type CommitWatch } from "./readCache.js";
import type { Database } from "./schema.js";

const CLOCK_OFFSET_KEY = "clock_offset_seconds";

export class SqlSettingsStore implements SettingsStore {
  private constructor(
    private readonly db: Kysely<Database>,
    /** The dev-mode clock reads its offset on every request. */
    private readonly kept: ReadCache<number>,
  ) {}

  static open(db: Kysely<Database>, watch: CommitWatch | undefined): SqlSettingsStore {
    return new SqlSettingsStore(db, new ReadCache(watch, 1));
  }

  /** The same store over another handle (a transaction), sharing what is kept. */
  on(db: Kysely<Database>): SqlSettingsStore {
    return new SqlSettingsStore(db, this.kept);
  }

  async clockOffsetSeconds(): Promise<number> {
    const read = async () => {
      const row = await this.db
        .selectFrom("settings")
        .select("value")
        .where("key", "=", CLOCK_OFFSET_KEY)
        .executeTakeFirst();
      return row?.value ?? 0;
    };
    return this.db.isTransaction ? read() : this.kept.read(CLOCK_OFFSET_KEY, read);
  }

  async advanceClock(seconds: number): Promise<number> {
    if (!Number.isFinite(seconds)) throw new RangeError(`cannot advance the clock by ${seconds} seconds`);
    // One upsert statement: atomic against concurrent calls from any number of instances.
    const row = await this.db
      .insertInto("settings")
      .values({ key: CLOCK_OFFSET_KEY, value: seconds })
      .onConflict((conflict) =>
        conflict.column("key").doUpdateSet((eb) => ({ value: eb("settings.value", "+", eb.ref("excluded.value")) })),
      )
      .returning("value")
      .executeTakeFirstOrThrow();
    this.kept.invalidate();
    return row.value;
  }
}
