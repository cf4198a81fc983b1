import type { IdentityProviderTypeType } from "@aws-sdk/client-cognito-identity-provider";
import type { Kysely, Selectable } from "kysely";
import type { IdentityProviderStore, Page, PageResult } from "../../domain/ports/store.js";
import type { IdentityProviderRecord } from "../../domain/identityProviders/types.js";
import type { SecretCipher } from "../secrets.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, IdentityProvidersTable } from "./schema.js";

/** ProviderDetails keys holding a secret: sealed in secret_details, never in the plain details column. */
const SECRET_DETAIL_KEYS = new Set(["client_secret", "private_key"]);

export class SqlIdentityProviderStore implements IdentityProviderStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
  ) {}

  async create(provider: IdentityProviderRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("identity_providers")
        .values({
          pool_id: provider.poolId,
          name: provider.name,
          type: provider.type,
          created_at: provider.createdAt.getTime(),
          ...this.mutableColumns(provider),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `identity provider ${provider.name} exists in pool ${provider.poolId}`);
  }

  async get(poolId: string, name: string): Promise<IdentityProviderRecord | undefined> {
    const row = await this.db
      .selectFrom("identity_providers")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("name", "=", name)
      .executeTakeFirst();
    return row === undefined ? undefined : this.toRecord(row);
  }

  async update(provider: IdentityProviderRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("identity_providers")
      .set(this.mutableColumns(provider))
      .where("pool_id", "=", provider.poolId)
      .where("name", "=", provider.name)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, name: string): Promise<boolean> {
    const result = await this.db.deleteFrom("identity_providers").where("pool_id", "=", poolId).where("name", "=", name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<IdentityProviderRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("identity_providers")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => this.toRecord(row));
  }

  async all(poolId: string): Promise<IdentityProviderRecord[]> {
    const rows = await this.db.selectFrom("identity_providers").selectAll().where("pool_id", "=", poolId).orderBy("seq").execute();
    return rows.map((row) => this.toRecord(row));
  }

  private mutableColumns(provider: IdentityProviderRecord) {
    const plain = Object.entries(provider.details).filter(([key]) => !SECRET_DETAIL_KEYS.has(key));
    const secret = Object.entries(provider.details).filter(([key]) => SECRET_DETAIL_KEYS.has(key));
    return {
      details: JSON.stringify(Object.fromEntries(plain)),
      secret_details: secret.length === 0 ? null : this.cipher.seal(JSON.stringify(Object.fromEntries(secret))),
      attribute_mapping: JSON.stringify(provider.attributeMapping),
      idp_identifiers: JSON.stringify(provider.idpIdentifiers),
      last_modified_at: provider.lastModifiedAt.getTime(),
    };
  }

  private toRecord(row: Selectable<IdentityProvidersTable>): IdentityProviderRecord {
    const secret = row.secret_details === null ? {} : (JSON.parse(this.cipher.open(row.secret_details)) as Record<string, string>);
    const details = { ...(JSON.parse(row.details) as Record<string, string>), ...secret };
    return {
      poolId: row.pool_id,
      name: row.name,
      type: row.type as IdentityProviderTypeType,
      details: Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      attributeMapping: JSON.parse(row.attribute_mapping) as Record<string, string>,
      idpIdentifiers: JSON.parse(row.idp_identifiers) as string[],
      createdAt: new Date(Number(row.created_at)),
      lastModifiedAt: new Date(Number(row.last_modified_at)),
    };
  }
}
