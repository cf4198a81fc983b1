import { sql, type Kysely, type Selectable } from "kysely";
import type { SecretCipher } from "../secrets.js";
import type { AuthSessionRecord } from "../../domain/auth/types.js";
import type { AuthSessionStore } from "../../domain/ports/store.js";
import { mapConflict } from "./conflict.js";
import type { SqlDialect } from "./dialect.js";
import type { AuthSessionsTable, Database } from "./schema.js";
import { deleteBatch } from "./sweep.js";

export class SqlAuthSessionStore implements AuthSessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    /** Challenge state holds what answers the challenge (SRP's ephemeral secret, a user's attributes): sealed. */
    private readonly cipher: SecretCipher,
  ) {}

  async create(session: AuthSessionRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("auth_sessions")
        .values({
          id: session.id,
          pool_id: session.poolId,
          client_id: session.clientId,
          username: session.username,
          challenge: session.challenge,
          created_at: session.createdAt.getTime(),
          expires_at: session.expiresAt.getTime(),
          data: this.cipher.seal(JSON.stringify(session.data)),
        })
        .execute();
    await mapConflict(this.db, this.dialect, insert, "an auth session with this id already exists");
  }

  async get(id: string): Promise<AuthSessionRecord | undefined> {
    const row = await this.db.selectFrom("auth_sessions").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row, this.cipher);
  }

  async delete(id: string): Promise<boolean> {
    // One DELETE: of several instances deleting the same session at once, exactly one sees a deleted row.
    const result = await this.db.deleteFrom("auth_sessions").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  deleteExpired(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "auth_sessions", ["id"], sql<boolean>`expires_at < ${before.getTime()}`, limit);
  }
}

function toRecord(row: Selectable<AuthSessionsTable>, cipher: SecretCipher): AuthSessionRecord {
  return {
    id: row.id,
    poolId: row.pool_id,
    clientId: row.client_id,
    username: row.username,
    challenge: row.challenge as AuthSessionRecord["challenge"],
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    data: JSON.parse(cipher.open(row.data)) as Record<string, unknown>,
  };
}
