import type { Kysely } from "kysely";
import type { SettingsStore } from "../store.js";
import type { Database } from "./schema.js";

const CLOCK_OFFSET_KEY = "clock_offset_seconds";

export class SqlSettingsStore implements SettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async clockOffsetSeconds(): Promise<number> {
    const row = await this.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", CLOCK_OFFSET_KEY)
      .executeTakeFirst();
    return row?.value ?? 0;
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
    return row.value;
  }
}
