import type { Kysely, Selectable } from "kysely";
import type { DeviceRememberedStatusType } from "@aws-sdk/client-cognito-identity-provider";
import type { DeviceRecord } from "../../domain/devices/types.js";
import type { DeviceStore, Page, PageResult } from "../../domain/ports/store.js";
import type { SecretCipher } from "../secrets.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, DevicesTable } from "./schema.js";

export class SqlDeviceStore implements DeviceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    /** The device's SRP verifier stands in for its secret: sealed. */
    private readonly cipher: SecretCipher,
  ) {}

  async create(device: DeviceRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("devices")
        .values({
          pool_id: device.poolId,
          user_sub: device.userSub,
          device_key: device.deviceKey,
          created_at: device.createdAt.getTime(),
          ...this.mutableColumns(device),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `pool ${device.poolId} already has device ${device.deviceKey}`);
  }

  async get(poolId: string, deviceKey: string): Promise<DeviceRecord | undefined> {
    const row = await this.db.selectFrom("devices").selectAll().where("pool_id", "=", poolId).where("device_key", "=", deviceKey).executeTakeFirst();
    return row === undefined ? undefined : this.toRecord(row);
  }

  async listForUser(poolId: string, userSub: string, page: Page): Promise<PageResult<DeviceRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("devices")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("user_sub", "=", userSub)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => this.toRecord(row));
  }

  async update(device: DeviceRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("devices")
      .set(this.mutableColumns(device))
      .where("pool_id", "=", device.poolId)
      .where("user_sub", "=", device.userSub)
      .where("device_key", "=", device.deviceKey)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, userSub: string, deviceKey: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("devices")
      .where("pool_id", "=", poolId)
      .where("user_sub", "=", userSub)
      .where("device_key", "=", deviceKey)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  private mutableColumns(device: DeviceRecord): Omit<DevicesTable, "seq" | "pool_id" | "user_sub" | "device_key" | "created_at"> {
    return {
      device_group_key: device.deviceGroupKey,
      srp_salt: device.secret?.salt ?? null,
      srp_verifier: device.secret === undefined ? null : this.cipher.seal(device.secret.verifier),
      remembered_status: device.rememberedStatus ?? null,
      device_name: device.name ?? null,
      last_ip: device.lastIp ?? null,
      last_modified_at: device.lastModifiedAt.getTime(),
      last_authenticated_at: device.lastAuthenticatedAt.getTime(),
    };
  }

  private toRecord(row: Selectable<DevicesTable>): DeviceRecord {
    return {
      poolId: row.pool_id,
      userSub: row.user_sub,
      deviceKey: row.device_key,
      deviceGroupKey: row.device_group_key,
      ...(row.srp_salt === null || row.srp_verifier === null ? {} : { secret: { salt: row.srp_salt, verifier: this.cipher.open(row.srp_verifier) } }),
      ...(row.remembered_status === null ? {} : { rememberedStatus: row.remembered_status as DeviceRememberedStatusType }),
      ...(row.device_name === null ? {} : { name: row.device_name }),
      ...(row.last_ip === null ? {} : { lastIp: row.last_ip }),
      createdAt: new Date(Number(row.created_at)),
      lastModifiedAt: new Date(Number(row.last_modified_at)),
      lastAuthenticatedAt: new Date(Number(row.last_authenticated_at)),
    };
  }
}
