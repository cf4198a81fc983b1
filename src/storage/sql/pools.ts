import type { Kysely, Selectable } from "kysely";
import type { PoolConfig, UserPoolRecord } from "../../domain/pools/types.js";
import type { Page, PageResult, PoolStore } from "../store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import { ParsedJsonCache } from "./parsedJson.js";
import type { Database, UserPoolsTable } from "./schema.js";

/** Pools whose parsed configuration is kept; beyond it the oldest is parsed again when next read. */
const PARSED_CONFIGS = 1000;

export class SqlPoolStore implements PoolStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly configs = new ParsedJsonCache<PoolConfig>(PARSED_CONFIGS),
  ) {}

  /** The same store over another handle (a transaction), sharing the parsed configurations. */
  on(db: Kysely<Database>): SqlPoolStore {
    return new SqlPoolStore(db, this.dialect, this.configs);
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
    await mapConflict(this.db, this.dialect, insert, `user pool ${pool.id} already exists`);
  }

  async get(poolId: string): Promise<UserPoolRecord | undefined> {
    const row = await this.db.selectFrom("user_pools").selectAll().where("id", "=", poolId).executeTakeFirst();
    return row === undefined ? undefined : this.toRecord(row);
  }

  async update(pool: UserPoolRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("user_pools")
      .set({ name: pool.name, last_modified_at: pool.lastModifiedAt.getTime(), config: JSON.stringify(pool.config) })
      .where("id", "=", pool.id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("user_pools").where("id", "=", poolId).executeTakeFirst();
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

  private toRecord(row: Selectable<UserPoolsTable>): UserPoolRecord {
    return {
      id: row.id,
      region: row.region,
      name: row.name,
      createdAt: new Date(row.created_at),
      lastModifiedAt: new Date(row.last_modified_at),
      config: this.configs.parse(row.id, row.config),
    };
  }
}
