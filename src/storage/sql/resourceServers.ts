import type { Kysely, Selectable } from "kysely";
import type { Page, PageResult, ResourceServerStore } from "../../domain/ports/store.js";
import type { ResourceServerRecord, ResourceServerScope } from "../../domain/resourceServers/types.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, ResourceServersTable } from "./schema.js";

export class SqlResourceServerStore implements ResourceServerStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(server: ResourceServerRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("resource_servers")
        .values({ pool_id: server.poolId, identifier: server.identifier, ...mutableColumns(server) })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `resource server ${server.identifier} exists in pool ${server.poolId}`);
  }

  async get(poolId: string, identifier: string): Promise<ResourceServerRecord | undefined> {
    const row = await this.db
      .selectFrom("resource_servers")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("identifier", "=", identifier)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async update(server: ResourceServerRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("resource_servers")
      .set(mutableColumns(server))
      .where("pool_id", "=", server.poolId)
      .where("identifier", "=", server.identifier)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, identifier: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("resource_servers")
      .where("pool_id", "=", poolId)
      .where("identifier", "=", identifier)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<ResourceServerRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("resource_servers")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }

  async all(poolId: string): Promise<ResourceServerRecord[]> {
    const rows = await this.db.selectFrom("resource_servers").selectAll().where("pool_id", "=", poolId).orderBy("seq").execute();
    return rows.map(toRecord);
  }
}

function mutableColumns(server: ResourceServerRecord) {
  return { name: server.name, scopes: JSON.stringify(server.scopes) };
}

function toRecord(row: Selectable<ResourceServersTable>): ResourceServerRecord {
  return {
    poolId: row.pool_id,
    identifier: row.identifier,
    name: row.name,
    scopes: (JSON.parse(row.scopes) as ResourceServerScope[]).map((scope) => ({ name: scope.name, description: scope.description })),
  };
}
