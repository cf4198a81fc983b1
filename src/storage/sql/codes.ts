import { sql, type Kysely, type Selectable } from "kysely";
import type { CodePurpose, PendingCodeRecord } from "../../domain/codes/types.js";
import type { PendingCodeStore } from "../../domain/ports/store.js";
import type { SecretCipher } from "../secrets.js";
import type { Database, PendingCodesTable } from "./schema.js";
import { deleteBatch } from "./sweep.js";

export class SqlPendingCodeStore implements PendingCodeStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** A held-back attribute value (the new email or phone number) is personal data waiting on a code: sealed. */
    private readonly cipher: SecretCipher,
  ) {}

  async put(code: PendingCodeRecord): Promise<void> {
    // One upsert statement: of two instances sending a code at once, the later write wins whole. Selecting
    // the user row as the source stores nothing for a user deleted meanwhile (the foreign key would refuse it).
    await this.db
      .insertInto("pending_codes")
      .columns(["pool_id", "username", "purpose", "digest", "created_at", "expires_at", "failed_attempts", "pending_value"])
      .expression((eb) =>
        eb
          .selectFrom("users")
          .select([
            "pool_id",
            "username",
            // PostgreSQL types a bare parameter in a select list as text: name each non-text column's type.
            sql<string>`${code.purpose}`.as("purpose"),
            sql<string>`${code.digest}`.as("digest"),
            sql<number>`cast(${code.createdAt.getTime()} as bigint)`.as("created_at"),
            sql<number>`cast(${code.expiresAt.getTime()} as bigint)`.as("expires_at"),
            sql<number>`cast(${code.failedAttempts} as integer)`.as("failed_attempts"),
            sql<string | null>`cast(${code.pendingValue === undefined ? null : this.cipher.seal(code.pendingValue)} as text)`.as("pending_value"),
          ])
          .where("pool_id", "=", code.poolId)
          .where("username", "=", code.username),
      )
      .onConflict((conflict) =>
        conflict.columns(["pool_id", "username", "purpose"]).doUpdateSet((eb) => ({
          digest: eb.ref("excluded.digest"),
          created_at: eb.ref("excluded.created_at"),
          expires_at: eb.ref("excluded.expires_at"),
          failed_attempts: eb.ref("excluded.failed_attempts"),
          pending_value: eb.ref("excluded.pending_value"),
        })),
      )
      .execute();
  }

  async get(poolId: string, username: string, purpose: CodePurpose): Promise<PendingCodeRecord | undefined> {
    const row = await this.db
      .selectFrom("pending_codes")
      .selectAll()
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("purpose", "=", purpose)
      .executeTakeFirst();
    return row === undefined ? undefined : toRecord(row, this.cipher);
  }

  async recordFailedAttempt(poolId: string, username: string, purpose: CodePurpose): Promise<number> {
    // One UPDATE: concurrent wrong guesses on any number of instances each add one.
    const row = await this.db
      .updateTable("pending_codes")
      .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("purpose", "=", purpose)
      .returning("failed_attempts")
      .executeTakeFirst();
    return row?.failed_attempts ?? 0;
  }

  async delete(poolId: string, username: string, purpose: CodePurpose): Promise<boolean> {
    // One DELETE: of several instances using the same code at once, exactly one sees a deleted row.
    const result = await this.db
      .deleteFrom("pending_codes")
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("purpose", "=", purpose)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  deleteExpired(before: Date, limit: number): Promise<number> {
    return deleteBatch(this.db, "pending_codes", ["pool_id", "username", "purpose"], sql<boolean>`expires_at < ${before.getTime()}`, limit);
  }
}

function toRecord(row: Selectable<PendingCodesTable>, cipher: SecretCipher): PendingCodeRecord {
  return {
    poolId: row.pool_id,
    username: row.username,
    purpose: row.purpose as CodePurpose,
    digest: row.digest,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    failedAttempts: row.failed_attempts,
    ...(row.pending_value === null ? {} : { pendingValue: cipher.open(row.pending_value) }),
  };
}
