import type { OperationTable } from "./types.js";
import { authOperations } from "./operations/auth/index.js";
import { authEventsOperations } from "./operations/authEvents/index.js";
import { clientSecretsOperations } from "./operations/clientSecrets/index.js";
import { clientsOperations } from "./operations/clients/index.js";
import { domainsOperations } from "./operations/domains/index.js";
import { groupsOperations } from "./operations/groups/index.js";
import { identityProvidersOperations } from "./operations/identityProviders/index.js";
import { mfaOperations } from "./operations/mfa/index.js";
import { poolsOperations } from "./operations/pools/index.js";
import { replicasOperations } from "./operations/replicas/index.js";
import { riskOperations } from "./operations/risk/index.js";
import { resourceServersOperations } from "./operations/resourceServers/index.js";
import { limitsOperations } from "./operations/limits/index.js";
import { logDeliveryOperations } from "./operations/logDelivery/index.js";
import { termsOperations } from "./operations/terms/index.js";
import { brandingOperations } from "./operations/branding/index.js";
import { tagsOperations } from "./operations/tags/index.js";
import { selfServiceOperations } from "./operations/selfService/index.js";
import { tokensOperations } from "./operations/tokens/index.js";
import { userImportOperations } from "./operations/userImport/index.js";
import { usersOperations } from "./operations/users/index.js";
import { webAuthnOperations } from "./operations/webAuthn/index.js";
import { devicesOperations } from "./operations/devices/index.js";

/** Every operation family; a family lists its operations in its own index. */
export const families = {
  pools: poolsOperations,
  clients: clientsOperations,
  clientSecrets: clientSecretsOperations,
  users: usersOperations,
  groups: groupsOperations,
  domains: domainsOperations,
  resourceServers: resourceServersOperations,
  identityProviders: identityProvidersOperations,
  auth: authOperations,
  tokens: tokensOperations,
  selfService: selfServiceOperations,
  mfa: mfaOperations,
  tags: tagsOperations,
  terms: termsOperations,
  branding: brandingOperations,
  limits: limitsOperations,
  logDelivery: logDeliveryOperations,
  userImport: userImportOperations,
  risk: riskOperations,
  replicas: replicasOperations,
  authEvents: authEventsOperations,
  webAuthn: webAuthnOperations,
  devices: devicesOperations,
} as const;

/** Every implemented operation, by name. */
export const registry: OperationTable = Object.assign({}, ...Object.values(families));
