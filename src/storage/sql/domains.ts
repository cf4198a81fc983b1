import type { Kysely, Selectable } from "kysely";
import type { UserPoolDomainRecord } from "../../domain/domains/types.js";
import type { DomainStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { Database, UserPoolDomainsTable } from "./schema.js";

export class SqlDomainStore implements DomainStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(domain: UserPoolDomainRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("user_pool_domains")
        .values({
          region: domain.region,
          domain: domain.domain,
          pool_id: domain.poolId,
          created_at: domain.createdAt.getTime(),
          ...mutableColumns(domain),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `domain ${domain.domain} or a domain of pool ${domain.poolId} exists`);
  }

  async get(region: string, domain: string): Promise<UserPoolDomainRecord | undefined> {
    const row = await this.db
      .selectFrom("user_pool_domains")
      .selectAll()
      .where("region", "=", region)
      .where("domain", "=", domain)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async getForPool(poolId: string): Promise<UserPoolDomainRecord | undefined> {
    const row = await this.db.selectFrom("user_pool_domains").selectAll().where("pool_id", "=", poolId).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async findCustom(domain: string): Promise<UserPoolDomainRecord | undefined> {
    const row = await this.db
      .selectFrom("user_pool_domains")
      .selectAll()
      .where("domain", "=", domain)
      .where("certificate_arn", "is not", null)
      .orderBy("created_at")
      .orderBy("region")
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async update(domain: UserPoolDomainRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("user_pool_domains")
      .set(mutableColumns(domain))
      .where("region", "=", domain.region)
      .where("domain", "=", domain.domain)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(region: string, domain: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("user_pool_domains")
      .where("region", "=", region)
      .where("domain", "=", domain)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}

function mutableColumns(domain: UserPoolDomainRecord) {
  return {
    certificate_arn: domain.customDomain?.certificateArn ?? null,
    security_policy: domain.customDomain?.securityPolicy ?? null,
    managed_login_version: domain.managedLoginVersion,
    last_modified_at: domain.lastModifiedAt.getTime(),
  };
}

function toRecord(row: Selectable<UserPoolDomainsTable>): UserPoolDomainRecord {
  return {
    domain: row.domain,
    region: row.region,
    poolId: row.pool_id,
    ...(row.certificate_arn === null
      ? {}
      : {
          customDomain: {
            certificateArn: row.certificate_arn,
            ...(row.security_policy === null ? {} : { securityPolicy: row.security_policy }),
          },
        }),
    managedLoginVersion: Number(row.managed_login_version),
    createdAt: new Date(row.created_at),
    lastModifiedAt: new Date(row.last_modified_at),
  };
}
