import type { Kysely, Selectable } from "kysely";
import type { GroupRecord } from "../../domain/groups/types.js";
import type { UserRecord } from "../../domain/users/types.js";
import type { SecretCipher } from "../secrets.js";
import type { GroupStore, Page, PageResult } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import type { Database, GroupsTable } from "./schema.js";
import { userFromRow } from "./users.js";

export class SqlGroupStore implements GroupStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
  ) {}

  async create(group: GroupRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("groups")
        .values({
          pool_id: group.poolId,
          name: group.name,
          created_at: group.createdAt.getTime(),
          ...mutableColumns(group),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, `group ${group.name} already exists in pool ${group.poolId}`);
  }

  async get(poolId: string, name: string): Promise<GroupRecord | undefined> {
    const row = await this.db
      .selectFrom("groups")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("name", "=", name)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async update(group: GroupRecord): Promise<boolean> {
    const result = await this.db
      .updateTable("groups")
      .set(mutableColumns(group))
      .where("pool_id", "=", group.poolId)
      .where("name", "=", group.name)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, name: string): Promise<boolean> {
    // Memberships go with the group: group_members references groups with ON DELETE CASCADE.
    const result = await this.db
      .deleteFrom("groups")
      .where("pool_id", "=", poolId)
      .where("name", "=", name)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, page: Page): Promise<PageResult<GroupRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("groups")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.seq, toRecord);
  }

  async addMember(poolId: string, groupName: string, username: string): Promise<void> {
    await this.db
      .insertInto("group_members")
      .values({ pool_id: poolId, group_name: groupName, username })
      .onConflict((conflict) => conflict.columns(["pool_id", "group_name", "username"]).doNothing())
      .execute();
  }

  async removeMember(poolId: string, groupName: string, username: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("group_members")
      .where("pool_id", "=", poolId)
      .where("group_name", "=", groupName)
      .where("username", "=", username)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listForUser(poolId: string, username: string, page: Page): Promise<PageResult<GroupRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.groupsOf(poolId, username).limit(limit + 1);
    if (after !== undefined) query = query.where("group_members.seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.member_seq, toRecord);
  }

  async allForUser(poolId: string, username: string): Promise<GroupRecord[]> {
    const rows = await this.groupsOf(poolId, username).execute();
    return rows.map(toRecord);
  }

  async listMembers(poolId: string, groupName: string, page: Page): Promise<PageResult<UserRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("group_members")
      .innerJoin("users", (join) =>
        join.onRef("users.pool_id", "=", "group_members.pool_id").onRef("users.username", "=", "group_members.username"),
      )
      .selectAll("users")
      .select("group_members.seq as member_seq")
      .where("group_members.pool_id", "=", poolId)
      .where("group_members.group_name", "=", groupName)
      .orderBy("group_members.seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("group_members.seq", ">", after);
    return toPage(await query.execute(), limit, (row) => row.member_seq, (row) => userFromRow(row, this.cipher));
  }

  /** The user's groups in join order; the membership's seq is the page cursor. */
  private groupsOf(poolId: string, username: string) {
    return this.db
      .selectFrom("group_members")
      .innerJoin("groups", (join) =>
        join.onRef("groups.pool_id", "=", "group_members.pool_id").onRef("groups.name", "=", "group_members.group_name"),
      )
      .selectAll("groups")
      .select("group_members.seq as member_seq")
      .where("group_members.pool_id", "=", poolId)
      .where("group_members.username", "=", username)
      .orderBy("group_members.seq");
  }
}

/** Every column an update replaces. */
function mutableColumns(group: GroupRecord) {
  return {
    description: group.description ?? null,
    role_arn: group.roleArn ?? null,
    precedence: group.precedence ?? null,
    last_modified_at: group.lastModifiedAt.getTime(),
  };
}

function toRecord(row: Selectable<GroupsTable>): GroupRecord {
  return {
    poolId: row.pool_id,
    name: row.name,
    ...(row.description === null ? {} : { description: row.description }),
    ...(row.role_arn === null ? {} : { roleArn: row.role_arn }),
    ...(row.precedence === null ? {} : { precedence: row.precedence }),
    createdAt: new Date(row.created_at),
    lastModifiedAt: new Date(row.last_modified_at),
  };
}
