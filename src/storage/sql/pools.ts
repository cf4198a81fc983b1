import type { Kysely, Selectable } from "kysely";
import type { PoolConfig, UserPoolRecord } from "../../domain/pools/types.js";
import type { Page, PageResult, PoolStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import { ParsedJsonCache } from "./parsedJson.js";
import { ReadCache, type CommitWatch } from "./readCache.js";
import type { Database, UserPoolsTable } from "./schema.js";

/** Pools whose parsed configuration (and, where a commit watch allows, whole record) is kept. */
const KEPT_POOLS = 1000;

/** What every handle of one database shares: the pools read (read on almost every request) and parsed. */
interface KeptPools {
  configs: ParsedJsonCache<PoolConfig>;
  records: ReadCache<UserPoolRecord | undefined>;
}

export class SqlPoolStore implements PoolStore {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly kept: KeptPools,
  ) {}

  static open(db: Kysely<Database>, dialect: SqlDialect, watch: CommitWatch | undefined): SqlPoolStore {
    return new SqlPoolStore(db, dialect, { configs: new ParsedJsonCache(KEPT_POOLS), records: new ReadCache(watch, KEPT_POOLS) });
  }

  /** The same store over another handle (a transaction), sharing what is kept. */
  on(db: Kysely<Database>): SqlPoolStore {
    return new SqlPoolStore(db, this.dialect, this.kept);
  }

  async create(pool: UserPoolRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("user_pools")
        .values({
          id: pool.id,
          region: pool.region,
          name: pool.name,
          created_at: pool.createdAt.getTime(),
          last_modified_at: pool.lastModifiedAt.getTime(),
          config: JSON.stringify(pool.config),
        })
        .execute();
    try {
      await mapConflict(this.db, this.dialect, insert, `user pool ${pool.id} already exists`);
    } finally {
      this.kept.records.invalidate();
    }
  }

  async get(poolId: string): Promise<UserPoolRecord | undefined> {
    if (!this.dialect.textHoldsNul && poolId.includes("\0")) return undefined;
    const read = async () => {
      const row = await this.db.selectFrom("user_pools").selectAll().where("id", "=", poolId).executeTakeFirst();
      return row === undefined ? undefined : this.toRecord(row);
    };
    return this.db.isTransaction ? read() : this.kept.records.read(poolId, read);
  }

  async update(pool: UserPoolRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("user_pools")
      .set({ name: pool.name, last_modified_at: pool.lastModifiedAt.getTime(), config: JSON.stringify(pool.config) })
      .where("id", "=", pool.id)
      .executeTakeFirst();
    this.kept.records.invalidate();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("user_pools").where("id", "=", poolId).executeTakeFirst();
    this.kept.records.invalidate();
    return result.numDeletedRows > 0n;
  }

  async list(region: string, page: Page): Promise<PageResult<UserPoolRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("user_pools")
      .selectAll()
      .where("region", "=", region)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => this.toRecord(row));
  }

  /** Frozen: a kept record is shared by every reader. */
  private toRecord(row: Selectable<UserPoolsTable>): UserPoolRecord {
    return Object.freeze({
      id: row.id,
      region: row.region,
      name: row.name,
      createdAt: new Date(row.created_at),
      lastModifiedAt: new Date(row.last_modified_at),
      config: this.kept.configs.parse(row.id, row.config),
    });
  }
}
