import { sql, type Kysely } from "kysely";
import type { SecretCipher } from "../secrets.js";
import type {
  AccessRevocationStore,
  AuditStore,
  AuthorizationCodeStore,
  TermsStore,
  BrandingStore,
  WebAuthnCredentialStore,
  DeviceStore,
  FederatedLinkStore,
  UserImportJobStore,
  LogDeliveryStore,
  ReplicaStore,
  SamlCertificateStore,
  AuthEventStore,
  RiskConfigurationStore,
  AuthSessionStore,
  ClientStore,
  DomainStore,
  GroupStore,
  OutboxStore,
  PendingCodeStore,
  RateLimitStore,
  SchemaVersion,
  RefreshTokenStore,
  ResourceServerStore,
  IdentityProviderStore,
  SigningKeyStore,
  Store,
} from "../../domain/ports/store.js";
import { SqlAuditStore } from "./audit.js";
import { SqlAuthorizationCodeStore } from "./authorizationCodes.js";
import { SqlClientStore } from "./clients.js";
import { SqlPendingCodeStore } from "./codes.js";
import { SqlDomainStore } from "./domains.js";
import type { SqlDialect } from "./dialect.js";
import { schemaVersion } from "./migrate.js";
import type { ImmediateRead } from "./precompiled.js";
import type { CommitWatch } from "./readCache.js";
import { SqlGroupStore } from "./groups.js";
import { SqlTermsStore } from "./terms.js";
import { SqlBrandingStore } from "./branding.js";
import { SqlWebAuthnCredentialStore } from "./webAuthnCredentials.js";
import { SqlDeviceStore } from "./devices.js";
import { SqlFederatedLinkStore } from "./federatedLinks.js";
import { SqlUserImportJobStore } from "./userImportJobs.js";
import { SqlLogDeliveryStore } from "./logDelivery.js";
import { SqlReplicaStore } from "./replicas.js";
import { SqlSamlCertificateStore } from "./samlCertificates.js";
import { SqlAuthEventStore } from "./authEvents.js";
import { SqlRiskConfigurationStore } from "./riskConfigurations.js";
import { SqlSigningKeyStore } from "./keys.js";
import { SqlOutboxStore } from "./outbox.js";
import { SqlPoolStore } from "./pools.js";
import { SqlRateLimitStore } from "./rateLimits.js";
import { SqlRefreshTokenStore } from "./refreshTokens.js";
import { SqlResourceServerStore } from "./resourceServers.js";
import { SqlIdentityProviderStore } from "./identityProviders.js";
import { SqlAccessRevocationStore } from "./revocations.js";
import type { Database } from "./schema.js";
import { SqlAuthSessionStore } from "./sessions.js";
import { SqlSettingsStore } from "./settings.js";
import { SqlUserStore, userCounts } from "./users.js";

/** The Store over kysely, for both dialects. `db` is either the whole database or one open transaction. */
export class SqlStore implements Store {
  readonly dialect: SqlDialect["name"];
  readonly pools: SqlPoolStore;
  readonly settings: SqlSettingsStore;
  readonly clients: ClientStore;
  readonly users: SqlUserStore;
  readonly groups: GroupStore;
  readonly domains: DomainStore;
  readonly resourceServers: ResourceServerStore;
  readonly identityProviders: IdentityProviderStore;
  readonly authorizationCodes: AuthorizationCodeStore;
  readonly outbox: OutboxStore;
  readonly keys: SigningKeyStore;
  readonly sessions: AuthSessionStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly codes: PendingCodeStore;
  readonly revocations: AccessRevocationStore;
  readonly rateLimits: RateLimitStore;
  readonly audit: AuditStore;
  readonly terms: TermsStore;
  readonly logDelivery: LogDeliveryStore;
  readonly branding: BrandingStore;
  readonly riskConfigurations: RiskConfigurationStore;
  readonly replicas: ReplicaStore;
  readonly authEvents: AuthEventStore;
  readonly webAuthnCredentials: WebAuthnCredentialStore;
  readonly devices: DeviceStore;
  readonly samlCertificates: SamlCertificateStore;
  readonly federatedLinks: FederatedLinkStore;
  readonly userImportJobs: UserImportJobStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlDialect: SqlDialect,
    /** Seals and opens the secrets the stores hold: signing keys, SRP verifiers, client secrets, challenge state, held-back values, messages. */
    private readonly cipher: SecretCipher,
    /**
     * watch: how the database tells of other connections' commits, without which no read is kept.
     * immediate: how the database runs a read at once when no transaction holds it.
     * outer: the store whose transaction this one is, sharing what its stores keep.
     */
    from: { watch?: CommitWatch; immediate?: ImmediateRead; outer?: SqlStore } = {},
  ) {
    this.dialect = sqlDialect.name;
    const { watch, immediate, outer } = from;
    this.pools = outer === undefined ? SqlPoolStore.open(db, sqlDialect, watch) : outer.pools.on(db);
    this.settings = outer === undefined ? SqlSettingsStore.open(db, watch) : outer.settings.on(db);
    this.clients = new SqlClientStore(db, sqlDialect, cipher);
    this.users =
      outer === undefined ? new SqlUserStore(db, sqlDialect, cipher, userCounts(watch), immediate) : new SqlUserStore(db, sqlDialect, cipher, outer.users.counts);
    this.groups = new SqlGroupStore(db, sqlDialect, cipher);
    this.domains = new SqlDomainStore(db, sqlDialect);
    this.resourceServers = new SqlResourceServerStore(db, sqlDialect);
    this.identityProviders = new SqlIdentityProviderStore(db, sqlDialect, cipher);
    this.authorizationCodes = new SqlAuthorizationCodeStore(db);
    this.outbox = new SqlOutboxStore(db, cipher);
    this.keys = new SqlSigningKeyStore(db, sqlDialect, cipher);
    this.sessions = new SqlAuthSessionStore(db, sqlDialect, cipher);
    this.refreshTokens = new SqlRefreshTokenStore(db, sqlDialect);
    this.codes = new SqlPendingCodeStore(db, cipher);
    this.revocations = new SqlAccessRevocationStore(db, sqlDialect);
    this.rateLimits = new SqlRateLimitStore(db, sqlDialect);
    this.audit = new SqlAuditStore(db);
    this.terms = new SqlTermsStore(db, sqlDialect);
    this.logDelivery = new SqlLogDeliveryStore(db);
    this.branding = new SqlBrandingStore(db, sqlDialect);
    this.riskConfigurations = new SqlRiskConfigurationStore(db);
    this.replicas = new SqlReplicaStore(db, sqlDialect);
    this.authEvents = new SqlAuthEventStore(db);
    this.webAuthnCredentials = new SqlWebAuthnCredentialStore(db, sqlDialect);
    this.devices = new SqlDeviceStore(db, sqlDialect, cipher);
    this.samlCertificates = new SqlSamlCertificateStore(db, cipher);
    this.federatedLinks = new SqlFederatedLinkStore(db, sqlDialect);
    this.userImportJobs = new SqlUserImportJobStore(db, sqlDialect, cipher);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    // Nested calls join the transaction already open: the outermost one commits or rolls back.
    if (this.db.isTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new SqlStore(trx, this.sqlDialect, this.cipher, { outer: this })));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  schemaVersion(): Promise<SchemaVersion> {
    return schemaVersion(this.db);
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("close the store that opened the transaction, not the transaction");
    await this.db.destroy();
  }
}
