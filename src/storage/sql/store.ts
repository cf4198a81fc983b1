import { sql, type Kysely } from "kysely";
import type {
  AuthSessionStore,
  ClientStore,
  GroupStore,
  OutboxStore,
  PoolStore,
  RefreshTokenStore,
  SettingsStore,
  SigningKeyStore,
  Store,
  UserStore,
} from "../store.js";
import { SqlClientStore } from "./clients.js";
import type { SqlDialect } from "./dialect.js";
import { SqlGroupStore } from "./groups.js";
import { SqlSigningKeyStore } from "./keys.js";
import { SqlOutboxStore } from "./outbox.js";
import { SqlPoolStore } from "./pools.js";
import { SqlRefreshTokenStore } from "./refreshTokens.js";
import type { Database } from "./schema.js";
import { SqlAuthSessionStore } from "./sessions.js";
import { SqlSettingsStore } from "./settings.js";
import { SqlUserStore } from "./users.js";

/** The Store over kysely, for both dialects. `db` is either the whole database or one open transaction. */
export class SqlStore implements Store {
  readonly dialect: SqlDialect["name"];
  readonly pools: PoolStore;
  readonly settings: SettingsStore;
  readonly clients: ClientStore;
  readonly users: UserStore;
  readonly groups: GroupStore;
  readonly outbox: OutboxStore;
  readonly keys: SigningKeyStore;
  readonly sessions: AuthSessionStore;
  readonly refreshTokens: RefreshTokenStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlDialect: SqlDialect,
  ) {
    this.dialect = sqlDialect.name;
    this.pools = new SqlPoolStore(db, sqlDialect);
    this.settings = new SqlSettingsStore(db);
    this.clients = new SqlClientStore(db, sqlDialect);
    this.users = new SqlUserStore(db, sqlDialect);
    this.groups = new SqlGroupStore(db, sqlDialect);
    this.outbox = new SqlOutboxStore(db);
    this.keys = new SqlSigningKeyStore(db, sqlDialect);
    this.sessions = new SqlAuthSessionStore(db, sqlDialect);
    this.refreshTokens = new SqlRefreshTokenStore(db, sqlDialect);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // Nested calls join the transaction already open: the outermost one commits or rolls back.
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new SqlStore(trx, this.sqlDialect)));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("close the store that opened the transaction, not the transaction");
    await this.db.destroy();
  }
}
