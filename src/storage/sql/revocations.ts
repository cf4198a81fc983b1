import { sql, type Kysely } from "kysely";
import type { AccessRevocationStore } from "../../domain/ports/store.js";
import type { SqlDialect } from "./dialect.js";
import type { Database } from "./schema.js";
import { deleteBatch } from "./sweep.js";

export class SqlAccessRevocationStore implements AccessRevocationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async revokeOrigin(poolId: string, originJti: string, expiresAt: Date): Promise<void> {
    // One upsert statement keeping the later expiry: revoking again never shortens a revocation. Selecting
    // the pool row as the source records nothing in a pool deleted meanwhile (the foreign key would refuse it).
    await this.db
      .insertInto("revoked_origins")
      .columns(["pool_id", "origin_jti", "expires_at"])
      .expression((eb) =>
        eb
          .selectFrom("user_pools")
          .select([
            "id",
            sql<string>`${originJti}`.as("origin_jti"),
            // PostgreSQL types a bare parameter in a select list as text: name the column's type.
            sql<number>`cast(${expiresAt.getTime()} as bigint)`.as("expires_at"),
          ])
          .where("id", "=", poolId),
      )
      .onConflict((conflict) =>
        conflict.columns(["pool_id", "origin_jti"]).doUpdateSet((eb) => ({
          expires_at: this.dialect.greatest(eb.ref("revoked_origins.expires_at"), eb.ref("excluded.expires_at")),
        })),
      )
      .execute();
  }

  async isOriginRevoked(poolId: string, originJti: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("revoked_origins")
      .select("origin_jti")
      .where("pool_id", "=", poolId)
      .where("origin_jti", "=", originJti)
      .executeTakeFirst();
    return row !== undefined;
  }

  async signOutUser(poolId: string, username: string, at: Date): Promise<void> {
    // One upsert statement keeping the latest time, whatever order concurrent sign-outs land in. Selecting
    // the user row as the source records nothing for a user deleted meanwhile.
    await this.db
      .insertInto("user_sign_outs")
      .columns(["pool_id", "username", "signed_out_at"])
      .expression((eb) =>
        eb
          .selectFrom("users")
          .select(["pool_id", "username", sql<number>`cast(${at.getTime()} as bigint)`.as("signed_out_at")])
          .where("pool_id", "=", poolId)
          .where("username", "=", username),
      )
      .onConflict((conflict) =>
        conflict.columns(["pool_id", "username"]).doUpdateSet((eb) => ({
          signed_out_at: this.dialect.greatest(eb.ref("user_sign_outs.signed_out_at"), eb.ref("excluded.signed_out_at")),
        })),
      )
      .execute();
  }

  async signedOutAt(poolId: string, username: string): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom("user_sign_outs")
      .select("signed_out_at")
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .executeTakeFirst();
    return row === undefined ? undefined : new Date(row.signed_out_at);
  }

  deleteExpired(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "revoked_origins", ["pool_id", "origin_jti"], sql<boolean>`expires_at < ${before.getTime()}`, limit);
  }
}
