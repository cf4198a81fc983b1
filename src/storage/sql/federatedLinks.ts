import type { Kysely, Selectable } from "kysely";
import type { FederatedLinkRecord } from "../../domain/federation/types.js";
import type { FederatedLinkStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { Database, FederatedLinksTable } from "./schema.js";

export class SqlFederatedLinkStore implements FederatedLinkStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(link: FederatedLinkRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("federated_links")
        .values({
          pool_id: link.poolId,
          provider_name: link.providerName,
          attribute_name: link.attributeName,
          attribute_value: link.attributeValue,
          user_sub: link.userSub,
          created_at: link.createdAt.getTime(),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `${link.providerName} identity ${link.attributeValue} is already linked in pool ${link.poolId}`);
  }

  async find(poolId: string, providerName: string, attributeName: string, attributeValue: string): Promise<FederatedLinkRecord | undefined> {
    const row = await this.db
      .selectFrom("federated_links")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("provider_name", "=", providerName)
      .where("attribute_name", "=", attributeName)
      .where("attribute_value", "=", attributeValue)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async listForUser(poolId: string, userSub: string): Promise<FederatedLinkRecord[]> {
    const rows = await this.db.selectFrom("federated_links").selectAll().where("pool_id", "=", poolId).where("user_sub", "=", userSub).orderBy("seq").execute();
    return rows.map(toRecord);
  }

  async delete(poolId: string, providerName: string, attributeName: string, attributeValue: string): Promise<FederatedLinkRecord | undefined> {
    const row = await this.db
      .deleteFrom("federated_links")
      .where("pool_id", "=", poolId)
      .where("provider_name", "=", providerName)
      .where("attribute_name", "=", attributeName)
      .where("attribute_value", "=", attributeValue)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }
}

function toRecord(row: Selectable<FederatedLinksTable>): FederatedLinkRecord {
  return {
    poolId: row.pool_id,
    providerName: row.provider_name,
    attributeName: row.attribute_name,
    attributeValue: row.attribute_value,
    userSub: row.user_sub,
    createdAt: new Date(Number(row.created_at)),
  };
}
