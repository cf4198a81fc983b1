import type { Kysely, Selectable } from "kysely";
import type { Page, PageResult, ReplicaStore } from "../../domain/ports/store.js";
import type { ReplicaRecord } from "../../domain/replicas/types.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, UserPoolReplicasTable } from "./schema.js";

export class SqlReplicaStore implements ReplicaStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(replica: ReplicaRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("user_pool_replicas")
        .values({
          pool_id: replica.poolId,
          region: replica.region,
          status: replica.status,
          tags: JSON.stringify(replica.tags),
          created_at: replica.createdAt.getTime(),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `pool ${replica.poolId} already has a replica in ${replica.region}`);
  }

  async get(poolId: string, region: string): Promise<ReplicaRecord | undefined> {
    const row = await this.db
      .selectFrom("user_pool_replicas")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("region", "=", region)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async setStatus(poolId: string, region: string, status: ReplicaRecord["status"]): Promise<boolean> {
    const result = await this.db
      .updateTable("user_pool_replicas")
      .set({ status })
      .where("pool_id", "=", poolId)
      .where("region", "=", region)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, region: string): Promise<boolean> {
    const result = await this.db.deleteFrom("user_pool_replicas").where("pool_id", "=", poolId).where("region", "=", region).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<ReplicaRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db.selectFrom("user_pool_replicas").selectAll().where("pool_id", "=", poolId).orderBy("seq").limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }
}

function toRecord(row: Selectable<UserPoolReplicasTable>): ReplicaRecord {
  return {
    poolId: row.pool_id,
    region: row.region,
    status: row.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
    tags: JSON.parse(row.tags) as Record<string, string>,
    createdAt: new Date(Number(row.created_at)),
  };
}
