import type { UserStatusType } from "@aws-sdk/client-cognito-identity-provider";
import { sql, type Kysely, type Selectable } from "kysely";
import type { SignInFailures } from "../../domain/auth/types.js";
import type { AliasKind, FilterableAttribute, PasswordHistory, PasswordSecrets, UserMfa, UserRecord } from "../../domain/users/types.js";
import { UserConflictError } from "../../domain/ports/errors.js";
import type { SecretCipher } from "../secrets.js";
import type { Page, PageResult, UserBulkConflict, UserConflictKey, UserFilter, UserStore } from "../../domain/ports/store.js";
import { prefixRange, wellFormed } from "./codePointText.js";
import { confinedWrite } from "./conflict.js";
import type { SqlDialect, UniqueViolation } from "./dialect.js";
import { pageAfter, pageLimit, toPage } from "./paging.js";
import { precompiled, type ImmediateRead } from "./precompiled.js";
import { ReadCache, type CommitWatch } from "./readCache.js";
import type { Database, UsersTable } from "./schema.js";

/** The column holding each filterable value (see migration 0004 for their indexes). */
const FILTER_COLUMNS = {
  username: "username",
  email: "attr_email",
  phone_number: "attr_phone_number",
  name: "attr_name",
  given_name: "attr_given_name",
  family_name: "attr_family_name",
  preferred_username: "attr_preferred_username",
  sub: "sub",
  status: "enabled_state",
  "cognito:user_status": "status",
} as const satisfies Record<FilterableAttribute, keyof UsersTable>;

const ALIAS_COLUMNS = {
  email: "alias_email",
  phone_number: "alias_phone_number",
  preferred_username: "alias_preferred_username",
} as const satisfies Record<AliasKind, keyof UsersTable>;

type UserKeyColumn = "username_key" | "sub" | (typeof ALIAS_COLUMNS)[AliasKind];

const selectUserBy = (column: UserKeyColumn) =>
  precompiled((db, poolId: string, value: string) =>
    db.selectFrom("users").selectAll().where("pool_id", "=", poolId).where(column, "=", value),
  );

/** A user by one of its unique keys: run for nearly every request, so compiled once. */
const userByKey: Record<UserKeyColumn, ReturnType<typeof selectUserBy>> = {
  username_key: selectUserBy("username_key"),
  sub: selectUserBy("sub"),
  alias_email: selectUserBy("alias_email"),
  alias_phone_number: selectUserBy("alias_phone_number"),
  alias_preferred_username: selectUserBy("alias_preferred_username"),
};

/** The unique constraints of `users` (migration 0004) and the key each protects. */
const UNIQUE_KEYS: readonly { key: UserConflictKey; constraint: string; column: keyof UsersTable }[] = [
  { key: "username", constraint: "users_pool_username_unique", column: "username" },
  { key: "username", constraint: "users_pool_username_key_unique", column: "username_key" },
  { key: "sub", constraint: "users_pool_sub_unique", column: "sub" },
  { key: "email", constraint: "users_pool_alias_email_unique", column: "alias_email" },
  { key: "phone_number", constraint: "users_pool_alias_phone_number_unique", column: "alias_phone_number" },
  { key: "preferred_username", constraint: "users_pool_alias_preferred_username_unique", column: "alias_preferred_username" },
];

/**
 * Rows per createMany statement: about twenty parameters a row stays well under SQLite's 32766 and
 * PostgreSQL's 65535 parameters per statement.
 */
const BULK_BATCH = 1000;

/** PasswordSecrets as stored: dates as epoch milliseconds. */
type StoredPasswordSecrets = { [K in keyof PasswordSecrets]: PasswordSecrets[K] extends Date | undefined ? number : PasswordSecrets[K] };

/** Pools whose user count is kept. */
const KEPT_COUNTS = 1000;

/** The pools' user counts, kept while no user is created or deleted: counting a large pool reads its whole index. */
export function userCounts(watch: CommitWatch | undefined): ReadCache<number> {
  return new ReadCache(watch, KEPT_COUNTS);
}

export class SqlUserStore implements UserStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly cipher: SecretCipher,
    /** Shared by the database's store and its transactions' stores. */
    readonly counts: ReadCache<number>,
    /** For the whole database only, never a transaction's handle. */
    private readonly immediate?: ImmediateRead,
  ) {}

  async create(user: UserRecord): Promise<void> {
    const insert = () =>
      this.db
        .insertInto("users")
        .values({
          pool_id: user.poolId,
          username: user.username,
          username_key: user.usernameKey,
          sub: user.sub,
          created_at: user.createdAt.getTime(),
          ...mutableColumns(user, this.cipher),
        })
        .execute();
    try {
      await this.mapConflict(insert);
    } finally {
      this.counts.invalidate();
    }
  }

  async createMany(users: readonly UserRecord[]): Promise<{ created: number; conflicts: UserBulkConflict[] }> {
    let created = 0;
    const conflicts: UserBulkConflict[] = [];
    for (let start = 0; start < users.length; start += BULK_BATCH) {
      const batch = users.slice(start, start + BULK_BATCH);
      const skipped = this.db.isTransaction
        ? await this.insertBatch(this, batch)
        : await this.db.transaction().execute((trx) => this.insertBatch(new SqlUserStore(trx, this.dialect, this.cipher, this.counts), batch));
      this.counts.invalidate();
      created += batch.length - skipped.length;
      for (const { index, key } of skipped) conflicts.push({ index: start + index, username: batch[index]!.username, key });
    }
    return { created, conflicts };
  }

  /**
   * One multi-row INSERT … ON CONFLICT DO NOTHING: a row colliding with a stored user, or with an earlier row
   * of the statement, is skipped. The rows inserted come back; each skipped one is then looked up by its keys
   * to name the one already held (conflicts are rare, so these lookups cost little).
   */
  private async insertBatch(store: SqlUserStore, batch: readonly UserRecord[]): Promise<{ index: number; key: UserConflictKey }[]> {
    const inserted = await store.db
      .insertInto("users")
      .values(
        batch.map((user) => ({
          pool_id: user.poolId,
          username: user.username,
          username_key: user.usernameKey,
          sub: user.sub,
          created_at: user.createdAt.getTime(),
          ...mutableColumns(user, this.cipher),
        })),
      )
      .onConflict((conflict) => conflict.doNothing())
      .returning(["pool_id", "username", "sub"])
      .execute();
    // The statement inserts rows in order, so of identical rows the first is the one inserted.
    const insertedCount = new Map<string, number>();
    for (const row of inserted) {
      const id = bulkRowId(row.pool_id, row.username, row.sub);
      insertedCount.set(id, (insertedCount.get(id) ?? 0) + 1);
    }
    const skipped: { index: number; key: UserConflictKey }[] = [];
    for (const [index, user] of batch.entries()) {
      const id = bulkRowId(user.poolId, user.username, user.sub);
      const remaining = insertedCount.get(id) ?? 0;
      if (remaining > 0) {
        insertedCount.set(id, remaining - 1);
        continue;
      }
      skipped.push({ index, key: await store.heldKey(user) });
    }
    return skipped;
  }

  /** The first unique key of a user that was not inserted which another stored user holds. */
  private async heldKey(user: UserRecord): Promise<UserConflictKey> {
    if ((await this.getByUsernameKey(user.poolId, user.usernameKey)) !== undefined) return "username";
    if ((await this.getBySub(user.poolId, user.sub)) !== undefined) return "sub";
    for (const [kind, key] of Object.entries(user.aliases) as [AliasKind, string][]) {
      if ((await this.getByAlias(user.poolId, kind, key)) !== undefined) return kind;
    }
    // Left: the unique constraint on the username as written, which username keys derived from it imply.
    return "username";
  }

  async getByUsernameKey(poolId: string, usernameKey: string): Promise<UserRecord | undefined> {
    return this.getBy(poolId, "username_key", usernameKey);
  }

  async getBySub(poolId: string, sub: string): Promise<UserRecord | undefined> {
    return this.getBy(poolId, "sub", sub);
  }

  async getByAlias(poolId: string, kind: AliasKind, key: string): Promise<UserRecord | undefined> {
    return this.getBy(poolId, ALIAS_COLUMNS[kind], wellFormed(key));
  }

  async update(user: UserRecord): Promise<boolean> {
    const update = () =>
      this.db
        .updateTable("users")
        .set(mutableColumns(user, this.cipher))
        .where("pool_id", "=", user.poolId)
        .where("username", "=", user.username)
        .executeTakeFirst();
    const result = await this.mapConflict(update);
    return result.numUpdatedRows > 0n;
  }

  async delete(poolId: string, username: string): Promise<boolean> {
    // Memberships, refresh tokens and sign-in failures go with the user: they reference users ON DELETE CASCADE.
    const result = await this.db
      .deleteFrom("users")
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .executeTakeFirst();
    this.counts.invalidate();
    return result.numDeletedRows > 0n;
  }

  async list(poolId: string, filter: UserFilter | undefined, page: Page): Promise<PageResult<UserRecord>> {
    const limit = pageLimit(page);
    const after = pageAfter(page);
    let query = this.db
      .selectFrom("users")
      .selectAll()
      .where("pool_id", "=", poolId)
      .orderBy("seq")
      .limit(limit + 1);
    if (after !== undefined) query = query.where("seq", ">", after);
    if (filter !== undefined) {
      const column = FILTER_COLUMNS[filter.attribute];
      if (!this.dialect.textHoldsNul && filter.value.includes("\0")) return { items: [] };
      if (filter.operator === "=") {
        query = query.where(column, "=", wellFormed(filter.value));
      } else {
        // A range over the column's index, compared by code point: exact and case-sensitive on both dialects,
        // unlike LIKE (case-insensitive in SQLite, and needing escapes for % and _).
        const { from, before } = prefixRange(filter.value);
        query = query.where(column, ">=", from);
        if (before !== undefined) query = query.where(column, "<", before);
      }
    }
    return toPage(await query.execute(), limit, (row) => row.seq, (row) => userFromRow(row, this.cipher));
  }

  async count(poolId: string): Promise<number> {
    const read = async () => {
      const row = await this.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number | string | bigint>().as("count"))
        .where("pool_id", "=", poolId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    };
    return this.db.isTransaction ? read() : this.counts.read(poolId, read);
  }

  async recordSignInFailure(poolId: string, username: string, at: Date, resetBefore: Date): Promise<SignInFailures> {
    // One upsert statement: concurrent failures on any number of instances each add one. Selecting the user
    // row as the source records nothing for a user who no longer exists (the foreign key would refuse it).
    const row = await this.db
      .insertInto("sign_in_failures")
      .columns(["pool_id", "username", "count", "last_failure_at"])
      .expression((eb) =>
        eb
          .selectFrom("users")
          .select([
            "pool_id",
            "username",
            sql<number>`1`.as("count"),
            // PostgreSQL types a bare parameter in a select list as text: name the column's type.
            sql<number>`cast(${at.getTime()} as bigint)`.as("last_failure_at"),
          ])
          .where("pool_id", "=", poolId)
          .where("username", "=", username),
      )
      .onConflict((conflict) =>
        conflict.columns(["pool_id", "username"]).doUpdateSet((eb) => ({
          count: sql<number>`case when ${eb.ref("sign_in_failures.last_failure_at")} < ${resetBefore.getTime()}
            then 1 else ${eb.ref("sign_in_failures.count")} + 1 end`,
          last_failure_at: eb.ref("excluded.last_failure_at"),
        })),
      )
      .returning(["count", "last_failure_at"])
      .executeTakeFirst();
    if (row === undefined) return { count: 0, lastFailureAt: at };
    return { count: row.count, lastFailureAt: new Date(row.last_failure_at) };
  }

  async signInFailures(poolId: string, username: string): Promise<SignInFailures | undefined> {
    const row = await this.db
      .selectFrom("sign_in_failures")
      .select(["count", "last_failure_at"])
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .executeTakeFirst();
    return row === undefined ? undefined : { count: row.count, lastFailureAt: new Date(row.last_failure_at) };
  }

  async clearSignInFailures(poolId: string, username: string): Promise<void> {
    await this.db.deleteFrom("sign_in_failures").where("pool_id", "=", poolId).where("username", "=", username).execute();
  }

  async replacePasswordHash(poolId: string, username: string, currentHash: string, newHash: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("users")
      .select("password")
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .executeTakeFirst();
    if (row?.password == null) return false;
    const stored = JSON.parse(row.password) as StoredPasswordSecrets;
    if (stored.hash !== currentHash) return false;
    // Written only over the very column read: a password set in between (new hash, new verifier) stays.
    const result = await this.db
      .updateTable("users")
      .set({ password: JSON.stringify({ ...stored, hash: newHash }) })
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("password", "=", row.password)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async replacePassword(poolId: string, username: string, currentHash: string, secrets: PasswordSecrets): Promise<boolean> {
    const row = await this.db
      .selectFrom("users")
      .select("password")
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .executeTakeFirst();
    if (row?.password == null) return false;
    if ((JSON.parse(row.password) as StoredPasswordSecrets).hash !== currentHash) return false;
    const result = await this.db
      .updateTable("users")
      .set({ password: JSON.stringify(storedPassword(secrets, this.cipher)) })
      .where("pool_id", "=", poolId)
      .where("username", "=", username)
      .where("password", "=", row.password)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private async getBy(
    poolId: string,
    column: UserKeyColumn,
    value: string,
  ): Promise<UserRecord | undefined> {
    if (!this.dialect.textHoldsNul && value.includes("\0")) return undefined;
    const [row] = await userByKey[column]({ db: this.db, dialect: this.dialect.name, immediate: this.immediate }, poolId, value);
    return row === undefined ? undefined : userFromRow(row, this.cipher);
  }

  /** Awaits a write, turning a unique violation into UserConflictError naming the key that collided. */
  private async mapConflict<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await confinedWrite(this.db, write);
    } catch (error) {
      const violation = this.dialect.uniqueViolation(error);
      const key = violation === undefined ? undefined : conflictKey(violation);
      if (key === undefined) throw error;
      throw new UserConflictError(key, `another user of the pool holds this ${key}`, { cause: error });
    }
  }
}

function bulkRowId(poolId: string, username: string, sub: string): string {
  return `${poolId}\u0000${username}\u0000${sub}`;
}

function conflictKey(violation: UniqueViolation): UserConflictKey | undefined {
  const unique =
    "constraint" in violation
      ? UNIQUE_KEYS.find(({ constraint }) => constraint === violation.constraint)
      : UNIQUE_KEYS.find(
          ({ column }) =>
            violation.table === "users" &&
            violation.columns.length === 2 &&
            violation.columns[0] === "pool_id" &&
            violation.columns[1] === column,
        );
  return unique?.key;
}

/** Every column an update replaces: all but the pool, the username, its key, the sub and the creation date. */
function mutableColumns(user: UserRecord, cipher: SecretCipher) {
  const attribute = (name: string): string | null => optionalWellFormed(user.attributes[name]);
  return {
    status: user.status,
    enabled_state: user.enabled ? ("Enabled" as const) : ("Disabled" as const),
    attributes: JSON.stringify(user.attributes),
    attr_email: attribute("email"),
    attr_phone_number: attribute("phone_number"),
    attr_name: attribute("name"),
    attr_given_name: attribute("given_name"),
    attr_family_name: attribute("family_name"),
    attr_preferred_username: attribute("preferred_username"),
    alias_email: optionalWellFormed(user.aliases.email),
    alias_phone_number: optionalWellFormed(user.aliases.phone_number),
    alias_preferred_username: optionalWellFormed(user.aliases.preferred_username),
    password: user.password === undefined ? null : JSON.stringify(storedPassword(user.password, cipher)),
    password_history: user.passwordHistory === undefined ? null : JSON.stringify(user.passwordHistory),
    mfa: user.mfa === undefined ? null : JSON.stringify(sealedMfa(user.mfa, (secret) => cipher.seal(secret))),
    last_modified_at: user.lastModifiedAt.getTime(),
  };
}

function optionalWellFormed(value: string | undefined): string | null {
  return value === undefined ? null : wellFormed(value);
}

// Only the SRP verifier is sealed with the master key: with the salt it stands in for the password (an offline
// guess checks against it cheaply), while the argon2id hash is one-way and slow to guess by design.
function storedPassword(password: PasswordSecrets, cipher: SecretCipher): StoredPasswordSecrets {
  return {
    hash: password.hash,
    srpSalt: password.srpSalt,
    srpVerifier: cipher.seal(password.srpVerifier),
    temporary: password.temporary,
    ...(password.expiresAt === undefined ? {} : { expiresAt: password.expiresAt.getTime() }),
    setAt: password.setAt.getTime(),
    ...(password.importedAs === undefined ? {} : { importedAs: password.importedAs }),
  };
}

function passwordFromStored(stored: StoredPasswordSecrets, cipher: SecretCipher): PasswordSecrets {
  return {
    hash: stored.hash,
    srpSalt: stored.srpSalt,
    srpVerifier: cipher.open(stored.srpVerifier),
    temporary: stored.temporary,
    ...(stored.expiresAt === undefined ? {} : { expiresAt: new Date(stored.expiresAt) }),
    setAt: new Date(stored.setAt),
    ...(stored.importedAs === undefined ? {} : { importedAs: stored.importedAs }),
  };
}

export function userFromRow(row: Selectable<UsersTable>, cipher: SecretCipher): UserRecord {
  const aliases: UserRecord["aliases"] = {};
  for (const [kind, column] of Object.entries(ALIAS_COLUMNS) as [AliasKind, (typeof ALIAS_COLUMNS)[AliasKind]][]) {
    const value = row[column];
    if (value !== null) aliases[kind] = value;
  }
  return {
    poolId: row.pool_id,
    username: row.username,
    usernameKey: row.username_key,
    sub: row.sub,
    status: row.status as UserStatusType,
    enabled: row.enabled_state === "Enabled",
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    aliases,
    createdAt: new Date(row.created_at),
    lastModifiedAt: new Date(row.last_modified_at),
    ...(row.password === null ? {} : { password: passwordFromStored(JSON.parse(row.password) as StoredPasswordSecrets, cipher) }),
    ...(row.password_history === null ? {} : { passwordHistory: JSON.parse(row.password_history) as PasswordHistory }),
    ...(row.mfa === null ? {} : { mfa: sealedMfa(JSON.parse(row.mfa) as UserMfa, (sealed) => cipher.open(sealed)) }),
  };
}

/**
 * The `password` column with its stored SRP verifier replaced by `reseal(verifier)`, every other field kept
 * as written: for re-encrypting with another master key.
 */
export function resealPasswordColumn(column: string, reseal: (storedVerifier: string) => string): string {
  const stored = JSON.parse(column) as StoredPasswordSecrets;
  return JSON.stringify({ ...stored, srpVerifier: reseal(stored.srpVerifier) });
}

/** The user's MFA settings with each TOTP secret passed through `convert` (sealing, opening or resealing). */
function sealedMfa(mfa: UserMfa, convert: (secret: string) => string): UserMfa {
  return {
    ...mfa,
    ...(mfa.softwareToken === undefined ? {} : { softwareToken: { ...mfa.softwareToken, secret: convert(mfa.softwareToken.secret) } }),
    ...(mfa.pendingSoftwareTokenSecret === undefined ? {} : { pendingSoftwareTokenSecret: convert(mfa.pendingSoftwareTokenSecret) }),
  };
}

/** The `mfa` column with its sealed TOTP secrets replaced by `reseal(secret)`: for re-encrypting with another master key. */
export function resealMfaColumn(column: string, reseal: (storedSecret: string) => string): string {
  return JSON.stringify(sealedMfa(JSON.parse(column) as UserMfa, reseal));
}
