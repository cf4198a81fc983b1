import type { Kysely, Selectable } from "kysely";
import type { ClientConfig, ClientRecord, ClientSecret } from "../../domain/clients/types.js";
import type { SecretCipher } from "../secrets.js";
import type { ClientStore, Page, PageResult } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { AppClientsTable, Database } from "./schema.js";

export class SqlClientStore implements ClientStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
  ) {}

  async create(client: ClientRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("app_clients")
        .values({
          client_id: client.clientId,
          pool_id: client.poolId,
          name: client.name,
          ...secretColumns(client.secrets, this.cipher),
          created_at: client.createdAt.getTime(),
          last_modified_at: client.lastModifiedAt.getTime(),
          config: JSON.stringify(client.config),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `app client ${client.clientId} already exists`);
  }

  async get(poolId: string, clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom("app_clients")
      .selectAll()
      .where("client_id", "=", clientId)
      .where("pool_id", "=", poolId)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row, this.cipher);
  }

  async getForUpdate(poolId: string, clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom("app_clients")
      .selectAll()
      .where("client_id", "=", clientId)
      .where("pool_id", "=", poolId)
      .$if(this.dialect.name === "postgres", (query) => query.forUpdate())
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row, this.cipher);
  }

  async findById(clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.db.selectFrom("app_clients").selectAll().where("client_id", "=", clientId).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row, this.cipher);
  }

  async update(client: ClientRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("app_clients")
      .set({ name: client.name, last_modified_at: client.lastModifiedAt.getTime(), config: JSON.stringify(client.config) })
      .where("client_id", "=", client.clientId)
      .where("pool_id", "=", client.poolId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async setSecrets(poolId: string, clientId: string, secrets: readonly ClientSecret[]): Promise<boolean> {
    const result = await this.db
      .updateTable("app_clients")
      .set(secretColumns(secrets, this.cipher))
      .where("client_id", "=", clientId)
      .where("pool_id", "=", poolId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, clientId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("app_clients")
      .where("client_id", "=", clientId)
      .where("pool_id", "=", poolId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<ClientRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("app_clients")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => toRecord(row, this.cipher));
  }
}

function toRecord(row: Selectable<AppClientsTable>, cipher: SecretCipher): ClientRecord {
  return {
    poolId: row.pool_id,
    clientId: row.client_id,
    name: row.name,
    secrets: storedSecrets(row, cipher),
    createdAt: new Date(row.created_at),
    lastModifiedAt: new Date(row.last_modified_at),
    config: JSON.parse(row.config) as ClientConfig,
  };
}

/** The two secret slots: the oldest secret first, the newer one (while rotating) second. */
function secretColumns(
  secrets: readonly ClientSecret[],
  cipher: SecretCipher,
): Pick<AppClientsTable, "secret" | "secret_created_at" | "second_secret" | "second_secret_created_at"> {
  if (secrets.length > 2) throw new RangeError(`an app client holds at most 2 secrets, not ${secrets.length}`);
  const [first, second] = secrets;
  return {
    secret: first === undefined ? null : cipher.seal(first.value),
    secret_created_at: first === undefined ? null : first.createdAt.getTime(),
    second_secret: second === undefined ? null : cipher.seal(second.value),
    second_secret_created_at: second === undefined ? null : second.createdAt.getTime(),
  };
}

function storedSecrets(row: Selectable<AppClientsTable>, cipher: SecretCipher): ClientSecret[] {
  const secrets: ClientSecret[] = [];
  if (row.secret !== null) {
    secrets.push({ value: cipher.open(row.secret), createdAt: new Date(Number(row.secret_created_at ?? row.created_at)) });
  }
  if (row.second_secret !== null) {
    secrets.push({ value: cipher.open(row.second_secret), createdAt: new Date(Number(row.second_secret_created_at)) });
  }
  return secrets;
}
