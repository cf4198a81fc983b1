import type { Kysely } from "kysely";
import type { RiskConfigurationStore } from "../../domain/ports/store.js";
import type { RiskConfigurationRecord, RiskConfigurationSettings } from "../../domain/risk/types.js";
import type { Database } from "./schema.js";

/** The pool's own configuration is the row whose client_id is ''. */
const POOL_LEVEL = "";

export class SqlRiskConfigurationStore implements RiskConfigurationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(poolId: string, clientId: string | undefined): Promise<RiskConfigurationRecord | undefined> {
    const row = await this.db
      .selectFrom("risk_configurations")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("client_id", "=", clientId ?? POOL_LEVEL)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      poolId,
      ...(clientId === undefined ? {} : { clientId }),
      settings: JSON.parse(row.configuration) as RiskConfigurationSettings,
      lastModifiedAt: new Date(Number(row.last_modified_at)),
    };
  }

  async put(record: RiskConfigurationRecord): Promise<void> {
    const configuration = JSON.stringify(record.settings);
    const lastModifiedAt = record.lastModifiedAt.getTime();
    await this.db
      .insertInto("risk_configurations")
      .values({ pool_id: record.poolId, client_id: record.clientId ?? POOL_LEVEL, configuration, last_modified_at: lastModifiedAt })
      .onConflict((conflict) => conflict.columns(["pool_id", "client_id"]).doUpdateSet({ configuration, last_modified_at: lastModifiedAt }))
      .execute();
  }

  async delete(poolId: string, clientId: string | undefined): Promise<boolean> {
    const result = await this.db
      .deleteFrom("risk_configurations")
      .where("pool_id", "=", poolId)
      .where("client_id", "=", clientId ?? POOL_LEVEL)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
