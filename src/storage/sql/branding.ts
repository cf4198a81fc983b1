import type { Kysely, Selectable } from "kysely";
import type { BrandingAsset, ManagedLoginBrandingRecord, UiCustomizationRecord } from "../../domain/branding/types.js";
import type { BrandingStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { Database, ManagedLoginBrandingsTable, UiCustomizationsTable } from "./schema.js";

export class SqlBrandingStore implements BrandingStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async putUiCustomization(record: UiCustomizationRecord): Promise<void> {
    const columns = {
      css: record.css ?? null,
      image: record.image?.bytes.toString("base64") ?? null,
      image_content_type: record.image?.contentType ?? null,
      css_version: record.cssVersion,
      last_modified_at: record.lastModifiedAt.getTime(),
    };
    await this.db
      .insertInto("ui_customizations")
      .values({ pool_id: record.poolId, client_id: record.clientId, created_at: record.createdAt.getTime(), ...columns })
      .onConflict((conflict) => conflict.columns(["pool_id", "client_id"]).doUpdateSet(columns))
      .execute();
  }

  async getUiCustomization(poolId: string, clientId: string): Promise<UiCustomizationRecord | undefined> {
    const row = await this.db
      .selectFrom("ui_customizations")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("client_id", "=", clientId)
      .executeTakeFirst();
    return row === undefined ? undefined : toUiCustomization(row);
  }

  async createManagedLogin(record: ManagedLoginBrandingRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("managed_login_brandings")
        .values({
          branding_id: record.brandingId,
          pool_id: record.poolId,
          client_id: record.clientId,
          created_at: record.createdAt.getTime(),
          ...brandingColumns(record),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `client ${record.clientId} already has a managed login branding style`);
  }

  async getManagedLogin(poolId: string, brandingId: string): Promise<ManagedLoginBrandingRecord | undefined> {
    const row = await this.db
      .selectFrom("managed_login_brandings")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("branding_id", "=", brandingId)
      .executeTakeFirst();
    return row === undefined ? undefined : toBranding(row);
  }

  async getManagedLoginForClient(poolId: string, clientId: string): Promise<ManagedLoginBrandingRecord | undefined> {
    const row = await this.db
      .selectFrom("managed_login_brandings")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("client_id", "=", clientId)
      .executeTakeFirst();
    return row === undefined ? undefined : toBranding(row);
  }

  async updateManagedLogin(record: ManagedLoginBrandingRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("managed_login_brandings")
      .set(brandingColumns(record))
      .where("pool_id", "=", record.poolId)
      .where("branding_id", "=", record.brandingId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deleteManagedLogin(poolId: string, brandingId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("managed_login_brandings")
      .where("pool_id", "=", poolId)
      .where("branding_id", "=", brandingId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function brandingColumns(record: ManagedLoginBrandingRecord) {
  return {
    use_cognito_provided_values: record.useCognitoProvidedValues ? 1 : 0,
    settings: record.settings === undefined ? null : JSON.stringify(record.settings),
    assets: JSON.stringify(record.assets),
    last_modified_at: record.lastModifiedAt.getTime(),
  };
}

function toUiCustomization(row: Selectable<UiCustomizationsTable>): UiCustomizationRecord {
  return {
    poolId: row.pool_id,
    clientId: row.client_id,
    ...(row.css === null ? {} : { css: row.css }),
    ...(row.image === null
      ? {}
      : { image: { bytes: Buffer.from(row.image, "base64"), contentType: row.image_content_type as "image/png" | "image/jpeg" } }),
    cssVersion: row.css_version,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}

function toBranding(row: Selectable<ManagedLoginBrandingsTable>): ManagedLoginBrandingRecord {
  return {
    brandingId: row.branding_id,
    poolId: row.pool_id,
    clientId: row.client_id,
    useCognitoProvidedValues: Number(row.use_cognito_provided_values) === 1,
    ...(row.settings === null ? {} : { settings: JSON.parse(row.settings) as Record<string, unknown> }),
    assets: JSON.parse(row.assets) as BrandingAsset[],
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}
