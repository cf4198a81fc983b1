import type { Kysely } from "kysely";
import type { SqlDialect } from "../dialect.js";
import * as userPools from "./0001_user_pools.js";
import * as samlCertificates from "./0110_saml_certificates.js";
import * as settings from "./0002_settings.js";
import * as appClients from "./0003_app_clients.js";
import * as users from "./0004_users.js";
import * as groups from "./0005_groups.js";
import * as outbox from "./0006_outbox.js";
import * as signingKeys from "./0007_signing_keys.js";
import * as authSessions from "./0008_auth_sessions.js";
import * as refreshTokens from "./0009_refresh_tokens.js";
import * as signInFailures from "./0010_sign_in_failures.js";
import * as pendingCodes from "./0011_pending_codes.js";
import * as revokedOrigins from "./0012_revoked_origins.js";
import * as userSignOuts from "./0013_user_sign_outs.js";
import * as rateLimitBuckets from "./0014_rate_limit_buckets.js";
import * as auditEvents from "./0015_audit_events.js";
import * as pendingCodeValues from "./0016_pending_code_values.js";
import * as sweepIndexes from "./0017_sweep_indexes.js";
import * as userPoolDomains from "./0020_user_pool_domains.js";
import * as resourceServers from "./0021_resource_servers.js";
import * as identityProviders from "./0080_identity_providers.js";
import * as authorizationCodes from "./0022_authorization_codes.js";
import * as refreshTokenScopes from "./0023_refresh_token_scopes.js";
import * as appClientSecrets from "./0030_app_client_secrets.js";
import * as terms from "./0031_terms.js";
import * as branding from "./0055_branding.js";
import * as provisionedLimits from "./0032_provisioned_limits.js";
import * as logDelivery from "./0033_log_delivery.js";
import * as riskConfigurations from "./0085_risk_configurations.js";
import * as userPoolReplicas from "./0086_user_pool_replicas.js";
import * as authEvents from "./0087_auth_events.js";
import * as userMfa from "./0040_user_mfa.js";
import * as webAuthnCredentials from "./0065_webauthn_credentials.js";
import * as devices from "./0066_devices.js";
import * as consoleIndexes from "./0075_console_indexes.js";
import * as outboxSweepIndex from "./0090_outbox_sweep_index.js";
import * as userImportJobs from "./0100_user_import_jobs.js";
import * as federatedLinks from "./0105_federated_links.js";
import * as refreshTokenDevice from "./0120_refresh_token_device.js";

/** A forward-only schema change; `dialect` serves the rare DDL that differs between SQLite and PostgreSQL. */
export interface SchemaMigration {
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}

/**
 * Every migration, by name. Listed here rather than read from the directory so the compiled server in dist/
 * finds them too. Add a new file `NNNN_what.ts` with the next number and one line below; never edit or
 * rename a migration that has shipped (its name is recorded in the database). Names sort in apply order.
 */
export const migrations: Readonly<Record<string, SchemaMigration>> = {
  "0001_user_pools": userPools,
  "0002_settings": settings,
  "0003_app_clients": appClients,
  "0004_users": users,
  "0005_groups": groups,
  "0006_outbox": outbox,
  "0007_signing_keys": signingKeys,
  "0008_auth_sessions": authSessions,
  "0009_refresh_tokens": refreshTokens,
  "0010_sign_in_failures": signInFailures,
  "0011_pending_codes": pendingCodes,
  "0012_revoked_origins": revokedOrigins,
  "0013_user_sign_outs": userSignOuts,
  "0014_rate_limit_buckets": rateLimitBuckets,
  "0015_audit_events": auditEvents,
  "0016_pending_code_values": pendingCodeValues,
  "0017_sweep_indexes": sweepIndexes,
  "0020_user_pool_domains": userPoolDomains,
  "0021_resource_servers": resourceServers,
  "0022_authorization_codes": authorizationCodes,
  "0023_refresh_token_scopes": refreshTokenScopes,
  "0030_app_client_secrets": appClientSecrets,
  "0031_terms": terms,
  "0032_provisioned_limits": provisionedLimits,
  "0033_log_delivery": logDelivery,
  "0040_user_mfa": userMfa,
  "0055_branding": branding,
  "0065_webauthn_credentials": webAuthnCredentials,
  "0066_devices": devices,
  "0075_console_indexes": consoleIndexes,
  "0080_identity_providers": identityProviders,
  "0085_risk_configurations": riskConfigurations,
  "0086_user_pool_replicas": userPoolReplicas,
  "0087_auth_events": authEvents,
  "0090_outbox_sweep_index": outboxSweepIndex,
  "0100_user_import_jobs": userImportJobs,
  "0105_federated_links": federatedLinks,
  "0110_saml_certificates": samlCertificates,
  "0120_refresh_token_device": refreshTokenDevice,
};
