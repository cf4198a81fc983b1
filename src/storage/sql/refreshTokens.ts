import { sql, type Kysely, type Selectable } from "kysely";
import type { RefreshTokenRecord } from "../../domain/tokens/types.js";
import type { RefreshTokenStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { Database, RefreshTokensTable } from "./schema.js";
import { deleteBatch } from "./sweep.js";

export class SqlRefreshTokenStore implements RefreshTokenStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async create(token: RefreshTokenRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("refresh_tokens")
        .values({
          id: token.id,
          pool_id: token.poolId,
          client_id: token.clientId,
          username: token.username,
          origin_jti: token.originJti,
          auth_time: token.authTime,
          scopes: token.scopes === undefined ? null : token.scopes.join(" "),
          device_key: token.deviceKey ?? null,
          created_at: token.createdAt.getTime(),
          expires_at: token.expiresAt.getTime(),
          revoked_at: token.revokedAt === undefined ? null : token.revokedAt.getTime(),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, "a refresh token with this id already exists");
  }

  async get(id: string): Promise<RefreshTokenRecord | undefined> {
    const row = await this.db.selectFrom("refresh_tokens").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    // Revoking again keeps the first revocation time; the row still counts as found.
    const result = await this.db
      .updateTable("refresh_tokens")
      .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(at.getTime())) }))
      .where("id", "=", id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revokeAllForUser(poolId: string, username: string, at: Date): Promise<number> {
    const result = await this.db
      .updateTable("refresh_tokens")
      .set({ revoked_at: at.getTime() })
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  deleteStale(before: Date, limit: number): Promise<number> {
    const at = before.getTime();
    return deleteBatch(this.db, "refresh_tokens", ["id"], sql<boolean>`(expires_at < ${at} or revoked_at < ${at})`, limit);
  }
}

function toRecord(row: Selectable<RefreshTokensTable>): RefreshTokenRecord {
  return {
    id: row.id,
    poolId: row.pool_id,
    clientId: row.client_id,
    username: row.username,
    originJti: row.origin_jti,
    authTime: row.auth_time,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    ...(row.revoked_at === null ? {} : { revokedAt: new Date(row.revoked_at) }),
    ...(row.scopes === null ? {} : { scopes: row.scopes === "" ? [] : row.scopes.split(" ") }),
    ...(row.device_key === null ? {} : { deviceKey: row.device_key }),
  };
}
