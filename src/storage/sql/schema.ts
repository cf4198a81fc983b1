import type { Generated } from "kysely";

/**
 * The tables as kysely sees them. Dates are epoch milliseconds (bigint): exact to the millisecond on both
 * dialects, and PostgreSQL's int8 is parsed to a JS number by the postgres factory. JSON documents are text.
 */
export interface Database {
  user_pools: UserPoolsTable;
  settings: SettingsTable;
  app_clients: AppClientsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  user_pool_domains: UserPoolDomainsTable;
  resource_servers: ResourceServersTable;
  identity_providers: IdentityProvidersTable;
  authorization_codes: AuthorizationCodesTable;
  outbox: OutboxTable;
  signing_keys: SigningKeysTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  sign_in_failures: SignInFailuresTable;
  pending_codes: PendingCodesTable;
  revoked_origins: RevokedOriginsTable;
  user_sign_outs: UserSignOutsTable;
  rate_limit_buckets: RateLimitBucketsTable;
  audit_events: AuditEventsTable;
  terms: TermsTable;
  ui_customizations: UiCustomizationsTable;
  managed_login_brandings: ManagedLoginBrandingsTable;
  provisioned_limits: ProvisionedLimitsTable;
  log_delivery: LogDeliveryTable;
  risk_configurations: RiskConfigurationsTable;
  user_pool_replicas: UserPoolReplicasTable;
  auth_events: AuthEventsTable;
  webauthn_credentials: WebAuthnCredentialsTable;
  devices: DevicesTable;
}

export interface DevicesTable {
  /** Creation order, never reused: orders a user's devices and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  user_sub: string;
  /** Unique with pool_id. */
  device_key: string;
  device_group_key: string;
  /** Hex; both null until ConfirmDevice. The verifier is sealed. */
  srp_salt: string | null;
  srp_verifier: string | null;
  remembered_status: string | null;
  device_name: string | null;
  last_ip: string | null;
  created_at: number;
  last_modified_at: number;
  last_authenticated_at: number;
}

export interface WebAuthnCredentialsTable {
  /** Registration order, never reused: orders a user's passkeys and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  user_sub: string;
  /** Unique with pool_id. */
  credential_id: string;
  public_key: string;
  sign_count: number;
  /** string[] as JSON text. */
  transports: string;
  authenticator_attachment: string | null;
  friendly_name: string;
  relying_party_id: string;
  created_at: number;
}


export interface AuthEventsTable {
  seq: Generated<number>;
  event_id: string;
  pool_id: string;
  username: string;
  event_type: string;
  created_at: number | string;
  event_response: string;
  /** EventRiskType, ChallengeResponseType[], EventContextDataType and the feedback, as JSON text. */
  event_risk: string;
  challenge_responses: string;
  context_data: string;
  feedback: string | null;
  feedback_token_hash: string;
}

export interface RiskConfigurationsTable {
  pool_id: string;
  /** The app client's id, or '' for the pool's own configuration. */
  client_id: string;
  /** RiskConfigurationSettings as JSON text. */
  configuration: string;
  last_modified_at: number | string;
}

export interface UserPoolReplicasTable {
  seq: Generated<number>;
  pool_id: string;
  region: string;
  /** ACTIVE or INACTIVE. */
  status: string;
  /** The replica's own tags, as JSON text. */
  tags: string;
  created_at: number | string;
}

export interface LogDeliveryTable {
  pool_id: string;
  /** LogConfigurationType[] as JSON text. */
  configurations: string;
}

export interface ProvisionedLimitsTable {
  region: string;
  /** A quota category's name. */
  category: string;
  /** Requests per second. */
  rate: number;
}

export interface UiCustomizationsTable {
  pool_id: string;
  /** An app client id, or `ALL` for the pool's. */
  client_id: string;
  css: string | null;
  /** The logo's bytes in Base64. */
  image: string | null;
  image_content_type: string | null;
  css_version: string;
  created_at: number;
  last_modified_at: number;
}

export interface ManagedLoginBrandingsTable {
  branding_id: string;
  pool_id: string;
  /** Unique: one style per client. */
  client_id: string;
  use_cognito_provided_values: number;
  /** The Settings document as JSON text, null with Cognito's values. */
  settings: string | null;
  /** The assets as JSON text. */
  assets: string;
  created_at: number;
  last_modified_at: number;
}

export interface TermsTable {
  /** Creation order, never reused: orders a pool's terms and is the page cursor. */
  seq: Generated<number>;
  terms_id: string;
  pool_id: string;
  /** Unique with terms_name: a client has one document of each kind. */
  client_id: string;
  terms_name: string;
  terms_source: string;
  enforcement: string;
  /** Language → URL as JSON text. */
  links: string;
  created_at: number;
  last_modified_at: number;
}

export interface UserPoolsTable {
  /** Insertion order, never reused: orders listings and is the page cursor. */
  seq: Generated<number>;
  id: string;
  region: string;
  name: string;
  created_at: number;
  last_modified_at: number;
  /** PoolConfig as JSON text. */
  config: string;
}

/** Process-independent numeric settings shared by every instance on the database. */
export interface SettingsTable {
  key: string;
  value: number;
}

export interface AppClientsTable {
  /** Insertion order, never reused: orders a pool's clients and is the page cursor. */
  seq: Generated<number>;
  /** Unique across all pools. */
  client_id: string;
  pool_id: string;
  name: string;
  /** The oldest secret, sealed. */
  secret: string | null;
  /** Null for a secret as old as the client (clients made before secrets could rotate). */
  secret_created_at: number | null;
  /** The newer secret while one is being rotated, sealed. */
  second_secret: string | null;
  second_secret_created_at: number | null;
  created_at: number;
  last_modified_at: number;
  /** ClientConfig as JSON text. */
  config: string;
}

/** Each value ListUsers can filter on has a column of its own, indexed per pool and compared by code point. */
export interface UsersTable {
  /** Creation order, never reused: orders listings and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  username: string;
  /** Unique per pool. */
  username_key: string;
  /** Unique per pool. */
  sub: string;
  /** The UserStatusType; also the `cognito:user_status` filter. */
  status: string;
  /** The `status` filter as Cognito words it: "Enabled" or "Disabled". */
  enabled_state: "Enabled" | "Disabled";
  /** Every attribute as JSON text: the record's source of truth. */
  attributes: string;
  /** Copies of filterable attribute values, rewritten from `attributes` on every write; null when absent. */
  attr_email: string | null;
  attr_phone_number: string | null;
  attr_name: string | null;
  attr_given_name: string | null;
  attr_family_name: string | null;
  attr_preferred_username: string | null;
  /** Alias values in lookup form, each unique per pool; null when the user holds none of that kind. */
  alias_email: string | null;
  alias_phone_number: string | null;
  alias_preferred_username: string | null;
  /** PasswordSecrets as JSON text, dates as epoch milliseconds. */
  password: string | null;
  /** PasswordHistory as JSON text. */
  password_history: string | null;
  /** UserMfa as JSON text, its TOTP secrets sealed; null for a user without second factors. */
  mfa: string | null;
  created_at: number;
  last_modified_at: number;
}

export interface GroupsTable {
  /** Creation order, never reused: orders a pool's groups and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  /** Unique per pool. */
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  last_modified_at: number;
}

export interface GroupMembersTable {
  /** Join order, never reused: orders a user's groups and a group's members, and is their page cursor. */
  seq: Generated<number>;
  pool_id: string;
  group_name: string;
  /** The internal username. */
  username: string;
}

export interface OutboxTable {
  /** Insertion order: oldest first. */
  seq: Generated<number>;
  id: string;
  pool_id: string;
  username: string;
  channel: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  kind: string;
  created_at: number;
}

export interface SigningKeysTable {
  /** Insertion order: breaks ties between keys created in the same millisecond. */
  seq: Generated<number>;
  pool_id: string;
  /** Unique across all pools. */
  kid: string;
  /** The KeyUse; at most one unretired key per pool and use. */
  use: string;
  /** PKCS#8 PEM. */
  private_key_pem: string;
  /** PublicJwk as JSON text. */
  public_jwk: string;
  created_at: number;
  /** Null while the key is the active one of its use. */
  retired_at: number | null;
}

export interface AuthSessionsTable {
  /** SHA-256 of the session token the client holds. */
  id: string;
  pool_id: string;
  client_id: string;
  /** The internal username. */
  username: string;
  /** The ChallengeNameType. */
  challenge: string;
  created_at: number;
  expires_at: number;
  /** Challenge state as JSON text. */
  data: string;
}

export interface RefreshTokensTable {
  /** SHA-256 (hex) of the token the client holds. */
  id: string;
  pool_id: string;
  client_id: string;
  /** The internal username. */
  username: string;
  origin_jti: string;
  /** Epoch seconds. */
  auth_time: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  /** A hosted sign-in's granted scopes, space-separated; null for the API's sign-ins. */
  scopes: string | null;
}

/** One row per user with failed sign-ins not yet cleared. */
export interface SignInFailuresTable {
  pool_id: string;
  /** The internal username. */
  username: string;
  count: number;
  last_failure_at: number;
}

/** At most one code per user and purpose. */
export interface PendingCodesTable {
  pool_id: string;
  /** The internal username. */
  username: string;
  /** The CodePurpose. */
  purpose: string;
  /** Salted digest of the code, never the code. */
  digest: string;
  created_at: number;
  expires_at: number;
  failed_attempts: number;
  /** The attribute value the code's verification applies (a held-back update), or null. */
  pending_value: string | null;
}

/** Authentications revoked by RevokeToken: every token carrying the origin_jti. */
export interface RevokedOriginsTable {
  pool_id: string;
  origin_jti: string;
  /** When the last token of the authentication expires: the row is useless afterwards. */
  expires_at: number;
}

/** The latest global sign-out per user: their tokens issued at or before it are revoked. */
export interface UserSignOutsTable {
  pool_id: string;
  /** The internal username. */
  username: string;
  signed_out_at: number;
}

/** One token bucket per throttling key. */
export interface RateLimitBucketsTable {
  bucket: string;
  /** Tokens left when the bucket was last touched; fractional while refilling. */
  tokens: number;
  /** When the tokens were last counted: the refill runs from here. Never moves backwards. */
  updated_at: number;
}

/** The audit trail: append-only, no foreign keys (events outlive what they name). */
export interface AuditEventsTable {
  /** Creation order, never reused: orders the trail and is the page cursor. */
  seq: Generated<number>;
  id: string;
  time: number;
  request_id: string;
  actor: string;
  source_ip: string | null;
  operation: string;
  pool_id: string | null;
  /** The internal username when known, else the name the request gave. */
  username: string | null;
  /** "success" or "failure". */
  outcome: string;
  /** The error's `__type` for failures. */
  error_type: string | null;
  /** AuditEvent.details as JSON text. */
  details: string | null;
}

/** A pool's one domain: a prefix, or a custom domain with its certificate. */
export interface UserPoolDomainsTable {
  region: string;
  domain: string;
  pool_id: string;
  /** Set for a custom domain only. */
  certificate_arn: string | null;
  security_policy: string | null;
  managed_login_version: number;
  created_at: number;
  last_modified_at: number;
}

export interface ResourceServersTable {
  /** Creation order, never reused: orders a pool's resource servers and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  identifier: string;
  name: string;
  /** The scopes as JSON text: `[{"name", "description"}]`. */
  scopes: string;
}

export interface IdentityProvidersTable {
  /** Creation order, never reused: orders a pool's providers and is the page cursor. */
  seq: Generated<number>;
  pool_id: string;
  name: string;
  type: string;
  /** The non-secret ProviderDetails as JSON text. */
  details: string;
  /** The secret ProviderDetails (client_secret, private_key) as JSON text, sealed; null when there are none. */
  secret_details: string | null;
  /** AttributeMapping as JSON text. */
  attribute_mapping: string;
  /** IdpIdentifiers as a JSON array. */
  idp_identifiers: string;
  created_at: number;
  last_modified_at: number;
}

export interface AuthorizationCodesTable {
  /** SHA-256 of the code, base64url: the code itself is never stored. */
  id: string;
  pool_id: string;
  client_id: string;
  username: string;
  redirect_uri: string;
  /** Space-separated. */
  scopes: string;
  nonce: string | null;
  code_challenge: string | null;
  auth_time: number;
  expires_at: number;
}
