import type { Kysely, Selectable } from "kysely";
import type { Page, PageResult, TermsStore } from "../../domain/ports/store.js";
import type { TermsRecord } from "../../domain/terms/types.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, TermsTable } from "./schema.js";

export class SqlTermsStore implements TermsStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(terms: TermsRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("terms")
        .values({
          terms_id: terms.termsId,
          pool_id: terms.poolId,
          client_id: terms.clientId,
          created_at: terms.createdAt.getTime(),
          ...mutableColumns(terms),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `client ${terms.clientId} already has terms named ${terms.name}`);
  }

  async get(poolId: string, termsId: string): Promise<TermsRecord | undefined> {
    const row = await this.db
      .selectFrom("terms")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("terms_id", "=", termsId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async update(terms: TermsRecord): Promise<boolean> {
    const update = () =>
      this.db
        .updateTable("terms")
        .set(mutableColumns(terms))
        .where("pool_id", "=", terms.poolId)
        .where("terms_id", "=", terms.termsId)
        .executeTakeFirst();
    const result = await mapConflict(this.db, this.dialect, update, `client ${terms.clientId} already has terms named ${terms.name}`);
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, termsId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("terms").where("pool_id", "=", poolId).where("terms_id", "=", termsId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<TermsRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db.selectFrom("terms").selectAll().where("pool_id", "=", poolId).orderBy("seq").limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }
}

function mutableColumns(terms: TermsRecord): Omit<TermsTable, "seq" | "terms_id" | "pool_id" | "client_id" | "created_at"> {
  return {
    terms_name: terms.name,
    terms_source: terms.source,
    enforcement: terms.enforcement,
    links: JSON.stringify(terms.links),
    last_modified_at: terms.lastModifiedAt.getTime(),
  };
}

function toRecord(row: Selectable<TermsTable>): TermsRecord {
  return {
    termsId: row.terms_id,
    poolId: row.pool_id,
    clientId: row.client_id,
    name: row.terms_name,
    source: row.terms_source,
    enforcement: row.enforcement,
    links: JSON.parse(row.links) as Record<string, string>,
    createdAt: new Date(Number(row.created_at)),
    lastModifiedAt: new Date(Number(row.last_modified_at)),
  };
}
