import type { LogConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import type { AuditEvent, AuditQuery } from "../audit/types.js";
import type { AuthSessionRecord, SignInFailures } from "../auth/types.js";
import type { ClientRecord, ClientSecret } from "../clients/types.js";
import type { TermsRecord } from "../terms/types.js";
import type { ManagedLoginBrandingRecord, UiCustomizationRecord } from "../branding/types.js";
import type { ReplicaRecord } from "../replicas/types.js";
import type { AuthEventRecord } from "../authEvents/types.js";
import type { RiskConfigurationRecord } from "../risk/types.js";
import type { CodePurpose, PendingCodeRecord } from "../codes/types.js";
import type { DeviceRecord } from "../devices/types.js";
import type { UserPoolDomainRecord } from "../domains/types.js";
import type { GroupRecord } from "../groups/types.js";
import type { OutboxMessage } from "../messages/types.js";
import type { AuthorizationCodeRecord } from "../oauth/types.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { KeyUse, SigningKeyRecord } from "../tokens/keys.js";
import type { RefreshTokenRecord } from "../tokens/types.js";
import type { ResourceServerRecord } from "../resourceServers/types.js";
import type { IdentityProviderRecord } from "../identityProviders/types.js";
import type { AliasKind, FilterableAttribute, UserRecord } from "../users/types.js";
import type { WebAuthnCredentialRecord } from "../webAuthn/types.js";

/**
 * Storage as the domain sees it. Implemented once over kysely (storage/sql) for SQLite and PostgreSQL;
 * both pass the suites in storage/contract. Every per-pool method is scoped by pool id.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres";
  readonly pools: PoolStore;
  readonly settings: SettingsStore;
  readonly clients: ClientStore;
  readonly users: UserStore;
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
  /** Runs fn in one database transaction; the store handed to fn must be used for every access inside. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The last schema migration applied to the database, and the one this code needs. */
  schemaVersion(): Promise<SchemaVersion>;
  close(): Promise<void>;
}

/** The parts of a Store that hold data; each method of each is classified in STORE_METHOD_ACCESS. */
export type SubStoreName = Exclude<keyof Store, "dialect" | "transaction" | "ping" | "schemaVersion" | "close">;

/** Migration names sort in apply order: a database whose `current` sorts before `expected` is behind the code. */
export interface SchemaVersion {
  /** Undefined for a database no migration was applied to. */
  current: string | undefined;
  expected: string;
}

/**
 * Whether each store method only reads ("read") or may change state ("write"). The audit trail wraps every
 * write in a transaction that carries the request's event; reads pass straight through. Declared here, beside
 * the interfaces, so a new method does not compile until it is classified.
 */
export const STORE_METHOD_ACCESS = {
  pools: { create: "write", get: "read", update: "write", delete: "write", list: "read" },
  settings: { clockOffsetSeconds: "read", advanceClock: "write" },
  clients: { create: "write", get: "read", getForUpdate: "read", findById: "read", update: "write", setSecrets: "write", delete: "write", list: "read" },
  users: {
    create: "write",
    createMany: "write",
    getByUsernameKey: "read",
    getBySub: "read",
    getByAlias: "read",
    update: "write",
    delete: "write",
    list: "read",
    count: "read",
    recordSignInFailure: "write",
    signInFailures: "read",
    clearSignInFailures: "write",
    replacePasswordHash: "write",
  },
  groups: {
    create: "write",
    get: "read",
    update: "write",
    delete: "write",
    list: "read",
    addMember: "write",
    removeMember: "write",
    listForUser: "read",
    allForUser: "read",
    listMembers: "read",
  },
  domains: { create: "write", get: "read", getForPool: "read", findCustom: "read", update: "write", delete: "write" },
  resourceServers: { create: "write", get: "read", update: "write", delete: "write", list: "read", all: "read" },
  identityProviders: { create: "write", get: "read", update: "write", delete: "write", list: "read", all: "read" },
  authorizationCodes: { create: "write", take: "write" },
  outbox: { add: "write", list: "read", deleteBefore: "write" },
  keys: { list: "read", addIfNoActive: "write", retire: "write" },
  sessions: { create: "write", get: "read", delete: "write", deleteExpired: "write" },
  refreshTokens: { create: "write", get: "read", revoke: "write", revokeAllForUser: "write", deleteStale: "write" },
  codes: { put: "write", get: "read", recordFailedAttempt: "write", delete: "write", deleteExpired: "write" },
  revocations: { revokeOrigin: "write", isOriginRevoked: "read", signOutUser: "write", signedOutAt: "read", deleteExpired: "write" },
  rateLimits: { take: "write", deleteIdle: "write", provisioned: "read", setProvisioned: "write" },
  audit: { append: "write", list: "read", deleteBefore: "write", unexported: "read", markExported: "write" },
  terms: { create: "write", get: "read", update: "write", delete: "write", list: "read" },
  branding: {
    putUiCustomization: "write",
    getUiCustomization: "read",
    createManagedLogin: "write",
    getManagedLogin: "read",
    getManagedLoginForClient: "read",
    updateManagedLogin: "write",
    deleteManagedLogin: "write",
  },
  logDelivery: { get: "read", put: "write" },
  riskConfigurations: { get: "read", put: "write", delete: "write" },
  replicas: { create: "write", get: "read", setStatus: "write", delete: "write", list: "read" },
  authEvents: { append: "write", get: "read", setFeedback: "write", list: "read" },
  webAuthnCredentials: { create: "write", get: "read", listForUser: "read", recordUse: "write", delete: "write" },
  devices: { create: "write", get: "read", listForUser: "read", update: "write", delete: "write" },
} as const satisfies { [S in SubStoreName]: { [M in keyof Store[S]]-?: "read" | "write" } };

export interface Page {
  limit: number;
  /** Opaque cursor returned as `nextAfter` by the previous page. */
  after?: string;
}

export interface PageResult<T> {
  items: T[];
  /** Present when more items may follow. */
  nextAfter?: string;
}

export interface PoolStore {
  /** Throws StorageConflictError when the id exists. */
  create(pool: UserPoolRecord): Promise<void>;
  /** Undefined for an id no pool has, including any id containing U+0000. */
  get(poolId: string): Promise<UserPoolRecord | undefined>;
  /** Replaces name, lastModifiedAt and config; returns false when the pool does not exist. */
  update(pool: UserPoolRecord): Promise<boolean>;
  /** Returns false when the pool does not exist. Removes its clients, users, groups and messages too. */
  delete(poolId: string): Promise<boolean>;
  /** Pools of one region in creation order; the cursor stays valid while pools are added or removed. */
  list(region: string, page: Page): Promise<PageResult<UserPoolRecord>>;
}

export interface SettingsStore {
  /** Seconds added to the wall clock by the local control API (0 when never set). */
  clockOffsetSeconds(): Promise<number>;
  /** Adds to the offset atomically (safe with several instances) and returns the new offset. */
  advanceClock(seconds: number): Promise<number>;
}

export interface ClientStore {
  /** Throws StorageConflictError when the client id exists (in any pool). */
  create(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /**
   * As get, and inside a transaction the client's row stays locked until it ends, so that a read-modify-write
   * of the client (its secrets) cannot lose a concurrent one. SQLite's transactions already run one at a time.
   */
  getForUpdate(poolId: string, clientId: string): Promise<ClientRecord | undefined>;
  /** Finds a client without knowing its pool: unsigned operations carry only the client id. */
  findById(clientId: string): Promise<ClientRecord | undefined>;
  /** Replaces name, lastModifiedAt and config (the secrets stay); false when absent. */
  update(client: ClientRecord): Promise<boolean>;
  /** Replaces the client's secrets (at most two, oldest first), leaving all else; false when absent. */
  setSecrets(poolId: string, clientId: string, secrets: readonly ClientSecret[]): Promise<boolean>;
  delete(poolId: string, clientId: string): Promise<boolean>;
  /** The pool's clients in creation order; cursor stable while clients are added or removed. */
  list(poolId: string, page: Page): Promise<PageResult<ClientRecord>>;
}

export interface TermsStore {
  /** Throws StorageConflictError when the client already has terms of that name (or the id exists). */
  create(terms: TermsRecord): Promise<void>;
  get(poolId: string, termsId: string): Promise<TermsRecord | undefined>;
  /**
   * Replaces name, source, enforcement, links and lastModifiedAt; false when absent. Throws
   * StorageConflictError when the new name is that of the client's other terms.
   */
  update(terms: TermsRecord): Promise<boolean>;
  delete(poolId: string, termsId: string): Promise<boolean>;
  /** The pool's terms in creation order; removed with their client or pool. */
  list(poolId: string, page: Page): Promise<PageResult<TermsRecord>>;
}

export interface LogDeliveryStore {
  /** The pool's log configurations as last set; undefined when never set. */
  get(poolId: string): Promise<LogConfigurationType[] | undefined>;
  /** Replaces the pool's log configurations. The pool must exist; they are removed with it. */
  put(poolId: string, configurations: readonly LogConfigurationType[]): Promise<void>;
}

export interface RiskConfigurationStore {
  /** The pool's own configuration (clientId undefined) or one client's; undefined when never set or reset. */
  get(poolId: string, clientId: string | undefined): Promise<RiskConfigurationRecord | undefined>;
  /** Replaces the configuration of the record's pool or client. The pool must exist; it goes with the pool. */
  put(record: RiskConfigurationRecord): Promise<void>;
  /** Removes a pool's or client's configuration (a client's with the pool's own left); false when none was set. */
  delete(poolId: string, clientId: string | undefined): Promise<boolean>;
}

export interface ReplicaStore {
  /** Throws StorageConflictError when the pool already has a replica in that region. */
  create(replica: ReplicaRecord): Promise<void>;
  get(poolId: string, region: string): Promise<ReplicaRecord | undefined>;
  /** Sets the replica's status; false when absent. */
  setStatus(poolId: string, region: string, status: ReplicaRecord["status"]): Promise<boolean>;
  delete(poolId: string, region: string): Promise<boolean>;
  /** The pool's replicas in creation order; removed with their pool. */
  list(poolId: string, page: Page): Promise<PageResult<ReplicaRecord>>;
}

export interface AuthEventStore {
  /** Records an event; the pool must exist, and the event goes with it. */
  append(event: AuthEventRecord): Promise<void>;
  get(poolId: string, username: string, eventId: string): Promise<AuthEventRecord | undefined>;
  /** Replaces the event's feedback; false when the user has no such event. */
  setFeedback(poolId: string, username: string, eventId: string, feedback: NonNullable<AuthEventRecord["feedback"]>): Promise<boolean>;
  /** The user's events, newest first; the cursor stays valid while events are added. */
  list(poolId: string, username: string, page: Page): Promise<PageResult<AuthEventRecord>>;
}

export interface UserFilter {
  attribute: FilterableAttribute;
  /** `=` matches the whole value, `^=` a prefix; both compare exactly as stored. */
  operator: "=" | "^=";
  value: string;
}

/** Which unique key a user write collided with. */
export type UserConflictKey = "username" | "sub" | AliasKind;

/** A user createMany skipped: its position in the list, its username and the key that was already held. */
export interface UserBulkConflict {
  index: number;
  username: string;
  key: UserConflictKey;
}

export interface UserStore {
  /**
   * Throws UserConflictError naming the key when the username key, the sub or an alias is already held
   * in the pool.
   */
  create(user: UserRecord): Promise<void>;
  /**
   * Bulk creation (`cognate import`): inserts the users in batches of a thousand rows, one transaction each
   * (inside a transaction, in that one). A user whose username key, sub or alias is already held, by a stored
   * user or by an earlier one of the list, is skipped and reported as a conflict with its index in `users`
   * and the key it collided with; the others are created.
   */
  createMany(users: readonly UserRecord[]): Promise<{ created: number; conflicts: UserBulkConflict[] }>;
  getByUsernameKey(poolId: string, usernameKey: string): Promise<UserRecord | undefined>;
  getBySub(poolId: string, sub: string): Promise<UserRecord | undefined>;
  getByAlias(poolId: string, kind: AliasKind, key: string): Promise<UserRecord | undefined>;
  /**
   * Replaces every mutable field of the user named by (poolId, username); false when absent. Throws
   * UserConflictError when a new alias is already held by another user.
   */
  update(user: UserRecord): Promise<boolean>;
  /** Removes the user and their group memberships; false when absent. */
  delete(poolId: string, username: string): Promise<boolean>;
  /**
   * Users in creation order, optionally filtered. The cursor stays correct while users are added or
   * removed: users created after the first page appear on later pages, nobody appears twice.
   */
  list(poolId: string, filter: UserFilter | undefined, page: Page): Promise<PageResult<UserRecord>>;
  count(poolId: string): Promise<number>;
  /**
   * Counts one more failed sign-in atomically (concurrent failures on several instances all count) and
   * returns the new state. A count older than `resetBefore` starts again from 1. Nothing is recorded for a
   * user who no longer exists (count 0).
   */
  recordSignInFailure(poolId: string, username: string, at: Date, resetBefore: Date): Promise<SignInFailures>;
  /** The failures counted so far (undefined: none). */
  signInFailures(poolId: string, username: string): Promise<SignInFailures | undefined>;
  clearSignInFailures(poolId: string, username: string): Promise<void>;
  /**
   * Replaces the user's argon2id hash with `newHash` only if it is still `currentHash` (a re-hash must never
   * undo a password change made meanwhile); every other field of the password stays. Returns whether it did.
   */
  replacePasswordHash(poolId: string, username: string, currentHash: string, newHash: string): Promise<boolean>;
}

export interface GroupStore {
  /** Throws StorageConflictError when the pool has a group of that name. */
  create(group: GroupRecord): Promise<void>;
  get(poolId: string, name: string): Promise<GroupRecord | undefined>;
  /** Replaces description, roleArn, precedence and lastModifiedAt; false when absent. */
  update(group: GroupRecord): Promise<boolean>;
  /** Removes the group and its memberships; false when absent. */
  delete(poolId: string, name: string): Promise<boolean>;
  /** The pool's groups in creation order. */
  list(poolId: string, page: Page): Promise<PageResult<GroupRecord>>;
  /** Idempotent: adding a member twice keeps one membership. */
  addMember(poolId: string, groupName: string, username: string): Promise<void>;
  /** Idempotent; false when the user was not a member. */
  removeMember(poolId: string, groupName: string, username: string): Promise<boolean>;
  /** The user's groups in the order they were joined. */
  listForUser(poolId: string, username: string, page: Page): Promise<PageResult<GroupRecord>>;
  /** Every group of the user, for tokens (`cognito:groups`). */
  allForUser(poolId: string, username: string): Promise<GroupRecord[]>;
  /** The group's members in the order they joined. */
  listMembers(poolId: string, groupName: string, page: Page): Promise<PageResult<UserRecord>>;
}

/** User pool domains; deleting the pool removes its domain. */
export interface DomainStore {
  /**
   * Throws StorageConflictError when the region already has the domain name or the pool already has a
   * domain (one domain per pool).
   */
  create(domain: UserPoolDomainRecord): Promise<void>;
  /** The domain of that name in the region (names compare exactly). */
  get(region: string, domain: string): Promise<UserPoolDomainRecord | undefined>;
  getForPool(poolId: string): Promise<UserPoolDomainRecord | undefined>;
  /**
   * The custom domain of that fully-qualified name in any region (a request's Host names no region); the
   * oldest when regions share the name. Prefix domains are never returned.
   */
  findCustom(domain: string): Promise<UserPoolDomainRecord | undefined>;
  /** Replaces customDomain, managedLoginVersion and lastModifiedAt; false when absent. */
  update(domain: UserPoolDomainRecord): Promise<boolean>;
  /** False when absent. */
  delete(region: string, domain: string): Promise<boolean>;
}

/** UI customizations (classic hosted UI) and managed login branding styles; deleting the pool removes them. */
export interface BrandingStore {
  /** Creates or replaces the customization of (poolId, clientId); clientId `ALL` is the pool's. */
  putUiCustomization(record: UiCustomizationRecord): Promise<void>;
  getUiCustomization(poolId: string, clientId: string): Promise<UiCustomizationRecord | undefined>;
  /** Throws StorageConflictError when the client has a style already (one per client) or the id exists. */
  createManagedLogin(record: ManagedLoginBrandingRecord): Promise<void>;
  getManagedLogin(poolId: string, brandingId: string): Promise<ManagedLoginBrandingRecord | undefined>;
  getManagedLoginForClient(poolId: string, clientId: string): Promise<ManagedLoginBrandingRecord | undefined>;
  /** Replaces useCognitoProvidedValues, settings, assets and lastModifiedAt; false when absent. */
  updateManagedLogin(record: ManagedLoginBrandingRecord): Promise<boolean>;
  deleteManagedLogin(poolId: string, brandingId: string): Promise<boolean>;
}

/** Resource servers and their scopes; deleting the pool removes them. */
export interface ResourceServerStore {
  /** Throws StorageConflictError when the pool has a resource server with that identifier. */
  create(server: ResourceServerRecord): Promise<void>;
  /** Identifiers compare exactly. */
  get(poolId: string, identifier: string): Promise<ResourceServerRecord | undefined>;
  /** Replaces name and scopes; false when absent. */
  update(server: ResourceServerRecord): Promise<boolean>;
  delete(poolId: string, identifier: string): Promise<boolean>;
  /** The pool's resource servers in creation order; cursor stable while servers are added or removed. */
  list(poolId: string, page: Page): Promise<PageResult<ResourceServerRecord>>;
  /** Every resource server of the pool in creation order (scope checks; Cognito allows 25 per pool). */
  all(poolId: string): Promise<ResourceServerRecord[]>;
}

/** A pool's external identity providers; deleting the pool removes them. Secret details are stored sealed. */
export interface IdentityProviderStore {
  /** Throws StorageConflictError when the pool has a provider of that name. */
  create(provider: IdentityProviderRecord): Promise<void>;
  /** Names compare exactly. */
  get(poolId: string, name: string): Promise<IdentityProviderRecord | undefined>;
  /** Replaces details, mapping, identifiers and lastModifiedAt (not type or createdAt); false when absent. */
  update(provider: IdentityProviderRecord): Promise<boolean>;
  delete(poolId: string, name: string): Promise<boolean>;
  /** The pool's providers in creation order; cursor stable while providers are added or removed. */
  list(poolId: string, page: Page): Promise<PageResult<IdentityProviderRecord>>;
  /** Every provider of the pool in creation order (identifier checks, client settings; Cognito allows 300 per pool). */
  all(poolId: string): Promise<IdentityProviderRecord[]>;
}

/** Authorization codes of the hosted sign-in; deleting the pool removes them. */
export interface AuthorizationCodeStore {
  create(code: AuthorizationCodeRecord): Promise<void>;
  /**
   * Removes the code and returns it, in one statement: of two concurrent takes (on any instances) one gets
   * the code and the other undefined, which is what makes a code single-use.
   */
  take(id: string): Promise<AuthorizationCodeRecord | undefined>;
}

export interface OutboxQuery {
  poolId?: string;
  /** Internal username. */
  username?: string;
  limit: number;
  /** The latest `limit` messages, newest first; the oldest `limit`, oldest first, when absent. */
  newestFirst?: boolean;
}

export interface OutboxStore {
  add(message: OutboxMessage): Promise<void>;
  /** Oldest first, or newest first when the query asks. */
  list(query: OutboxQuery): Promise<OutboxMessage[]>;
  /** Removes at most `limit` messages created before `before`, in one statement; returns how many. */
  deleteBefore(before: Date, limit: number): Promise<number>;
}

export interface SigningKeyStore {
  /** Every key of the pool, newest first, retired ones included. */
  list(poolId: string): Promise<SigningKeyRecord[]>;
  /**
   * Adds a key unless the pool already has an active (unretired) key of that use; returns whether it was
   * added. Two instances racing to create a pool's first keys thus end up with one key per use.
   */
  addIfNoActive(key: SigningKeyRecord): Promise<boolean>;
  /** Marks the active key of that use retired (key rotation). */
  retire(poolId: string, use: KeyUse, at: Date): Promise<void>;
}

export interface AuthSessionStore {
  create(session: AuthSessionRecord): Promise<void>;
  get(id: string): Promise<AuthSessionRecord | undefined>;
  /** Removes the session; false when it was already gone. Deleting is what makes a session single-use. */
  delete(id: string): Promise<boolean>;
  /** Removes at most `limit` sessions that expired before `before`, in one statement; returns how many. */
  deleteExpired(before: Date, limit: number): Promise<number>;
}

/** Users' passkeys; removed with their user or pool. */
export interface WebAuthnCredentialStore {
  /** Throws StorageConflictError when the pool already holds a passkey of that credential id. */
  create(credential: WebAuthnCredentialRecord): Promise<void>;
  get(poolId: string, credentialId: string): Promise<WebAuthnCredentialRecord | undefined>;
  /** The user's passkeys in registration order. */
  listForUser(poolId: string, userSub: string, page: Page): Promise<PageResult<WebAuthnCredentialRecord>>;
  /**
   * Stores the counter of a verified assertion, only if the stored one is still `previousCount` (of two
   * sign-ins racing with one assertion, one wins); false otherwise or when the passkey is gone.
   */
  recordUse(poolId: string, credentialId: string, previousCount: number, signCount: number): Promise<boolean>;
  /** Removes the user's passkey; false when the user has none of that id. */
  delete(poolId: string, userSub: string, credentialId: string): Promise<boolean>;
}

/** Users' tracked devices; removed with their user or pool. */
export interface DeviceStore {
  /** Throws StorageConflictError when the pool already has a device of that key. */
  create(device: DeviceRecord): Promise<void>;
  get(poolId: string, deviceKey: string): Promise<DeviceRecord | undefined>;
  /** The user's devices in creation order. */
  listForUser(poolId: string, userSub: string, page: Page): Promise<PageResult<DeviceRecord>>;
  /** Replaces everything but the key, owner and creation date; false when the device is gone. */
  update(device: DeviceRecord): Promise<boolean>;
  /** Removes the user's device; false when the user has none of that key. */
  delete(poolId: string, userSub: string, deviceKey: string): Promise<boolean>;
}

export interface RefreshTokenStore {
  create(token: RefreshTokenRecord): Promise<void>;
  get(id: string): Promise<RefreshTokenRecord | undefined>;
  /** Revokes one token; false when absent. */
  revoke(id: string, at: Date): Promise<boolean>;
  /** Revokes every unrevoked token of the user (GlobalSignOut); returns how many. */
  revokeAllForUser(poolId: string, username: string, at: Date): Promise<number>;
  /**
   * Removes at most `limit` records that expired before `before` or were revoked before it, in one
   * statement; returns how many. A removed token is answered as one never issued.
   */
  deleteStale(before: Date, limit: number): Promise<number>;
}

export interface PendingCodeStore {
  /**
   * Stores the code, replacing any pending code of the same user and purpose (failedAttempts included).
   * Nothing is stored for a user who no longer exists; deleting the user removes their codes.
   */
  put(code: PendingCodeRecord): Promise<void>;
  get(poolId: string, username: string, purpose: CodePurpose): Promise<PendingCodeRecord | undefined>;
  /** Counts a wrong guess atomically and returns the new count (0 when no such code). */
  recordFailedAttempt(poolId: string, username: string, purpose: CodePurpose): Promise<number>;
  /** Removes the code; false when it was already gone (so a code is used once, even across instances). */
  delete(poolId: string, username: string, purpose: CodePurpose): Promise<boolean>;
  /** Removes at most `limit` codes that expired before `before`, in one statement; returns how many. */
  deleteExpired(before: Date, limit: number): Promise<number>;
}

/**
 * What makes access tokens unusable for Cognito's APIs before they expire. Rows may be dropped once
 * `expiresAt` has passed (nothing they revoke is still valid then).
 */
export interface AccessRevocationStore {
  /**
   * Revokes every token of one authentication (RevokeToken): all tokens carrying that origin_jti. Idempotent;
   * keeps the later expiry. Nothing is recorded in a pool that no longer exists.
   */
  revokeOrigin(poolId: string, originJti: string, expiresAt: Date): Promise<void>;
  isOriginRevoked(poolId: string, originJti: string): Promise<boolean>;
  /**
   * GlobalSignOut / AdminUserGlobalSignOut: every token of the user issued at or before `at` is revoked.
   * Keeps the latest such time. Nothing is recorded for a user who no longer exists; deleting the user
   * removes it.
   */
  signOutUser(poolId: string, username: string, at: Date): Promise<void>;
  /** The latest global sign-out of the user, if any. */
  signedOutAt(poolId: string, username: string): Promise<Date | undefined>;
  /**
   * Removes at most `limit` origin revocations whose `expiresAt` is before `before`, in one statement; returns
   * how many. Global sign-outs are one row per user and stay.
   */
  deleteExpired(before: Date, limit: number): Promise<number>;
}

/**
 * Token buckets shared by every instance on the database (throttling). A bucket holds at most `capacity`
 * tokens, refills at `ratePerSecond`, and starts full.
 */
export interface RateLimitStore {
  /**
   * Takes one token from the named bucket if it has one, in one atomic statement; returns whether a token
   * was taken. The refill is computed from the time elapsed since the bucket was last touched.
   */
  take(bucket: string, ratePerSecond: number, capacity: number, now: Date): Promise<boolean>;
  /**
   * Removes at most `limit` buckets last touched before `before`, in one statement; returns how many. A
   * bucket without a row is full, so only buckets idle long enough to have refilled may go.
   */
  deleteIdle(before: Date, limit: number): Promise<number>;
  /** The rates UpdateProvisionedLimit set in the region, by category (requests per second). */
  provisioned(region: string): Promise<Record<string, number>>;
  /** Sets (or replaces) one category's provisioned rate in the region. */
  setProvisioned(region: string, category: string, rate: number): Promise<void>;
}

/** The append-only audit trail: events are only ever removed by age (retention). */
export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  /** Oldest first (or newest first when asked), filtered; the cursor stays valid while events are appended. */
  list(query: AuditQuery): Promise<PageResult<AuditEvent>>;
  /** Removes at most `limit` of the oldest events whose time is before `before`, in one statement; returns how many. */
  deleteBefore(before: Date, limit: number): Promise<number>;
  /**
   * At most `limit` events after the export mark (all when none was set), oldest first, with the mark that
   * covers them (undefined when there were none).
   */
  unexported(limit: number): Promise<{ items: AuditEvent[]; through?: string }>;
  /** Moves the export mark to `through` (a value `unexported` returned); it never moves backwards. */
  markExported(through: string): Promise<void>;
}
