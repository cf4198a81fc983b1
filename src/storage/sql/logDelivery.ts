import type { Kysely } from "kysely";
import type { LogConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import type { LogDeliveryStore } from "../../domain/ports/store.js";
import type { Database } from "./schema.js";

export class SqlLogDeliveryStore implements LogDeliveryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(poolId: string): Promise<LogConfigurationType[] | undefined> {
    const row = await this.db.selectFrom("log_delivery").select("configurations").where("pool_id", "=", poolId).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.configurations) as LogConfigurationType[]);
  }

  async put(poolId: string, configurations: readonly LogConfigurationType[]): Promise<void> {
    const json = JSON.stringify(configurations);
    await this.db
      .insertInto("log_delivery")
      .values({ pool_id: poolId, configurations: json })
      .onConflict((conflict) => conflict.column("pool_id").doUpdateSet({ configurations: json }))
      .execute();
  }
}
